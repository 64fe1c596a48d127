import Foundation
import Testing
import ScaleTopCore

@Suite struct EnvelopeBandCoverageTests {
    @Test func bandIsDeterministicAndBracketsThePrediction() throws {
        let points = SyntheticEnvelope().points(seed: 21)
        let fit = try #require(EnvelopeFitSolver().fit(points))
        let estimator = EnvelopeBandEstimator()
        let band = try #require(estimator.band(for: fit, points: points, atCompute: 1e23))
        #expect(band == estimator.band(for: fit, points: points, atCompute: 1e23))
        #expect(band.low < band.high)
        #expect(band.contains(fit.loss(at: 1e23)))
        #expect(band.resamples == estimator.resamples)
    }

    /// Coverage of the nominal 80 % (10–90 %) band at 100× the largest compute, over 60
    /// synthetic envelopes (different noise seeds) from a known law.
    @Test func bandContainsTheTruthInMostSeeds() throws {
        let truth = SyntheticEnvelope(count: 30, noise: 0.01)
        let target = 100 * truth.largestCompute
        let estimator = EnvelopeBandEstimator()
        let seeds: [UInt64] = Array(1...60)
        var covered = 0, widths: [Double] = []
        for seed in seeds {
            let points = truth.points(seed: seed)
            let fit = try #require(EnvelopeFitSolver().fit(points))
            let band = try #require(estimator.band(for: fit, points: points, atCompute: target))
            if band.contains(truth.loss(at: target)) { covered += 1 }
            widths.append((band.high - band.low) / truth.loss(at: target))
        }
        let coverage = Double(covered) / Double(seeds.count)
        let medianWidth = widths.sorted()[widths.count / 2]
        print("envelope band coverage: \(covered)/\(seeds.count) = \(coverage) (nominal 0.8), median relative width \(medianWidth)")
        // "Most seeds", and not a band so wide it always covers.
        #expect(coverage >= 0.65)
        #expect(coverage <= 0.97)
    }
}
