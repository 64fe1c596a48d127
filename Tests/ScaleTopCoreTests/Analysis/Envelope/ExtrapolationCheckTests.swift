import Foundation
import Testing
@testable import ScaleTopCore

/// The band is widened, or the extrapolation withheld, where the bootstrap alone would be
/// overconfident.
@Suite struct ExtrapolationCheckTests {
    /// An envelope on L = E + 20·C^-0.05 (E = 0: a pure power law; else a clear floor) at
    /// `count` log-spaced computes from `low` to `high`, and the points of it.
    static func envelope(count: Int, low: Double, high: Double, E: Double = 0) -> (ComputeEnvelope, [ComputeLossPoint]) {
        var envelope = ComputeEnvelope()
        var points: [ComputeLossPoint] = []
        for k in 0..<count {
            let c = low * pow(high / low, Double(k) / Double(max(count - 1, 1)))
            let loss = (E > 0 ? E + 400 * pow(c, -0.15) : 20 * pow(c, -0.05)) * (1 + 0.002 * sin(Double(k)))
            _ = envelope.offer(.init(flops: c, loss: loss, run: 0, tokens: c / 6e8, step: Double(k)))
            points.append(ComputeLossPoint(compute: c, loss: loss))
        }
        return (envelope, points)
    }

    static func fit(_ points: [ComputeLossPoint]) throws -> EnvelopeFit {
        var fitter = EnvelopeFitter()
        let fit = fitter.update(points: points)
        return try #require(fit)
    }

    static let bootstrap = EnvelopeBand(low: 2.0, high: 2.1, resamples: 200)

    @Test func fewPointsOrAShortSpanWithholdTheExtrapolation() throws {
        let (few, fewPoints) = Self.envelope(count: 4, low: 1e18, high: 1e20)
        let outcome = ExtrapolationCheck.assess(fit: try Self.fit(fewPoints + fewPoints), band: Self.bootstrap, fitPoints: fewPoints, envelope: few, target: 1e21)
        #expect(outcome.band == nil && outcome.withheldBecause == "only 4 envelope points past warm-up")
        let (short, shortPoints) = Self.envelope(count: 50, low: 1e19, high: 1.5e19)
        let narrow = ExtrapolationCheck.assess(fit: try Self.fit(shortPoints), band: Self.bootstrap, fitPoints: shortPoints, envelope: short, target: 1e21)
        #expect(narrow.band == nil && narrow.withheldBecause?.contains("spans only 0.18 decades") == true, "\(String(describing: narrow.withheldBecause))")
        let (far, farPoints) = Self.envelope(count: 100, low: 1e16, high: 1e17)
        let reach = ExtrapolationCheck.assess(fit: try Self.fit(farPoints), band: Self.bootstrap, fitPoints: farPoints, envelope: far, target: 1e22)
        #expect(reach.band == nil && reach.withheldBecause == "target 5.0 decades past a fit over 1.0")
    }

    @Test func aLongReachOrFewPointsWidenTheBand() throws {
        let (envelope, points) = Self.envelope(count: 100, low: 1e17, high: 1e19, E: 1.7)
        let fit = try Self.fit(points)
        try #require(!fit.isPurePowerLaw)
        let predicted = fit.loss(at: 1e22)
        let band = EnvelopeBand(low: predicted - 0.01, high: predicted + 0.01, resamples: 200)
        let outcome = ExtrapolationCheck.assess(fit: fit, band: band, fitPoints: points, envelope: envelope, target: 1e22)
        let widened = try #require(outcome.band)
        // 3 decades past a fit over 2: ± 3 % × ln(1000) of the prediction.
        let margin = 0.03 * log(1000) * predicted
        #expect(abs(widened.low - (predicted - margin)) < 1e-9 && abs(widened.high - (predicted + margin)) < 1e-9)
        #expect(outcome.widenedBecause?.contains("target 3.0 decades past a fit over 2.0") == true, "\(String(describing: outcome.widenedBecause))")
        // Within the comfortable reach and with many points, the bootstrap band stands...
        let near = ExtrapolationCheck.assess(fit: fit, band: band, fitPoints: points, envelope: envelope, target: 1e20)
        #expect(near.band == band && near.widenedBecause == nil && near.withheldBecause == nil)
        // ...unless the envelope's far end is a run still on its way.
        let atNear = fit.loss(at: 1e20)
        let nearBand = EnvelopeBand(low: atNear - 0.01, high: atNear + 0.01, resamples: 200)
        let running = ExtrapolationCheck.assess(fit: fit, band: nearBand, fitPoints: points, envelope: envelope, target: 1e20, isStillRunning: { _ in true })
        #expect(running.widenedBecause == "the envelope's far end is a run in progress")
        let widenedNear = try #require(running.band)
        #expect(abs(widenedNear.low - (atNear - 0.03 * log(10) * atNear)) < 1e-9)
    }

    @Test func withoutAnIdentifiableEThebandReachesTheLawWithE() throws {
        let (envelope, points) = Self.envelope(count: 100, low: 1e17, high: 1e19)
        let fit = try Self.fit(points)
        try #require(fit.isPurePowerLaw, "a pure power law leaves E unidentifiable")
        let withE = try #require(fit.saturatingLoss(at: 1e20))
        let predicted = fit.loss(at: 1e20)
        let band = EnvelopeBand(low: predicted - 1e-4, high: predicted + 1e-4, resamples: 200)
        let outcome = ExtrapolationCheck.assess(fit: fit, band: band, fitPoints: points, envelope: envelope, target: 1e20)
        let widened = try #require(outcome.band)
        #expect(widened.low <= min(withE, predicted) && widened.high >= max(withE, predicted))
        #expect(outcome.widenedBecause?.hasPrefix("E not identifiable") == true)
    }
}
