import Foundation
@testable import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// Chinchilla's three approaches side by side, the parametric fit's bootstrap intervals, and the
/// optimum at the target taken from the approach the rule picks.
@Suite struct ChinchillaApproachesTests {
    /// Reads `directory` whole and analyses it.
    func analyze(_ directory: String, target: Double, dropHighest: Int = 0) throws -> SweepAnalysis {
        let reader = SweepReader(roots: try LogPaths.resolve([directory]))
        reader.poll(now: 0)
        var options = SweepAnalysisOptions(targetFlops: target)
        options.dropHighest = dropHighest
        var analyzer = SweepAnalyzer(options: options)
        return analyzer.analyze(reader.sweep)
    }

    @Test func theChinchillaDataWithFiveDroppedMatchesEpochWithinItsErrors() throws {
        let analysis = try analyze(SharedData.data("chinchilla-epoch").path, target: 1e23, dropHighest: 5)
        let fit = try #require(analysis.parametric)
        #expect(fit.points == 240)
        #expect(analysis.parametricDropped.count == 5)
        // The five left out are the five highest losses of the 245.
        let lowestDropped = try #require(analysis.parametricDropped.map(\.loss).min())
        #expect(analysis.finals.filter { $0.loss >= lowestDropped }.count == 5)
        // Besiroglu et al. 2024: alpha 0.348 ± 0.015, beta 0.366 ± 0.021, E 1.817 ± 0.03.
        #expect(abs(fit.alpha - 0.348) < 0.015)
        #expect(abs(fit.beta - 0.366) < 0.021)
        #expect(abs(fit.E - 1.817) < 0.03)
        let ci = try #require(analysis.approaches.parametricIntervals)
        print("80 % intervals: alpha \(ci.alpha) beta \(ci.beta) a \(ci.a) E \(ci.E) from \(ci.resamples) resamples")
        #expect(ci.resamples >= 190)
        #expect(ci.alpha.contains(0.348) && ci.beta.contains(0.366) && ci.E.contains(1.817))
        for (range, centre) in [(ci.alpha, fit.alpha), (ci.beta, fit.beta), (ci.a, fit.a)] {
            #expect(range.lowerBound >= centre - 0.05 && range.upperBound <= centre + 0.05)
            // An 80 % interval of a real fit on 240 noisy points is not a point.
            #expect(range.upperBound - range.lowerBound > 0.005)
        }
        let approaches = analysis.approaches
        let one = try #require(approaches.envelope), two = try #require(approaches.isoflop), three = try #require(approaches.parametric)
        print("a: envelope \(one.a), IsoFLOP \(two.a), parametric \(three.a); N_opt at 1e23: \(one.paramsAtTarget ?? .nan), \(two.paramsAtTarget ?? .nan), \(three.paramsAtTarget ?? .nan)")
        // Hoffmann et al.'s Table 3 puts all three a between 0.46 and 0.50 (Epoch's refit: 0.51).
        for a in [one.a, two.a, three.a] { #expect(a > 0.4 && a < 0.6) }
        for e in [one, two, three] { #expect(abs(e.a + e.b - 1) < 0.02) }
        #expect(analysis.optimalSource == "isoflop")
    }

    @Test(arguments: [
        (budgets: [1e19, 1e20, 1e21], sizes: 4, seed: UInt64(1)),
        (budgets: [6e18, 3e19, 1e20, 3e20, 1e21], sizes: 7, seed: UInt64(2)),
        (budgets: [1e18, 1e19, 1e20, 1e21, 1e22], sizes: 9, seed: UInt64(3)),
    ])
    func anIsoFLOPSweepTakesItsOptimumFromTheVertices(budgets: [Double], sizes: Int, seed: UInt64) throws {
        let dir = try IsoFLOPSweepFixture.write(budgets: budgets, sizes: sizes, spread: 4, seed: seed)
        let analysis = try analyze(dir.path, target: 1e23)
        let iso = try #require(analysis.isoflop)
        let vertexLaw = try #require(iso.optimum(atCompute: 1e23))
        let optimum = try #require(analysis.optimal)
        #expect(analysis.optimalSource == "isoflop")
        #expect(abs(optimum.params / vertexLaw.params - 1) < 0.10)
        // And the vertices' law is near the true one (N_opt ∝ C^0.452 for Chinchilla's law).
        let truth = IsoFLOPSweepFixture.law.computeOptimal(atCompute: 1e23)!
        print("\(budgets.count) budgets × \(sizes): N_opt at 1e23 \(optimum.params) (truth \(truth.params)), a \(iso.a ?? .nan) (truth 0.452); parametric a \(analysis.parametric?.a ?? .nan)")
        #expect(abs(optimum.params / truth.params - 1) < 0.25)
        #expect(abs((iso.a ?? 0) - 0.4516) < 0.03)
    }

    @Test func withoutIsoFLOPBudgetsTheOptimumComesFromTheParametricFitOrTheEnvelope() throws {
        // The Li et al. sweep: one run per size, each to its own compute, no IsoFLOP budget.
        let analysis = try analyze(SharedData.data("sweep-li2025").path, target: 1e22)
        let source = try #require(analysis.optimalSource)
        #expect(source == "parametric" || source == "envelope")
        let envelope = try #require(analysis.approaches.envelope)
        #expect(envelope.a > 0.2 && envelope.a < 0.9)
        if source == "envelope" { #expect(analysis.optimal?.params == envelope.paramsAtTarget) }
    }

    @Test func droppingLeavesTheKHighestOut() {
        let finals = [3.0, 5.0, 2.0, 5.0, 4.0].enumerated().map { RunFinalPoint(params: 1e8 + Double($0.offset), tokens: 1e9, loss: $0.element) }
        let (kept, dropped) = SweepAnalyzer.droppingHighest(2, of: finals)
        #expect(dropped.map(\.loss) == [5.0, 5.0])
        #expect(kept.map(\.loss) == [3.0, 2.0, 4.0])
    }

    @Test func aParametricFitWhoseExponentIsNotPinnedDoesNotGiveTheOptimum() {
        let fit = IsoFLOPSweepFixture.law
        // Final points over a decade of N and of D.
        let finals = [(1e8, 2e9), (3e8, 6e9), (1e9, 2e10), (2e9, 4e10)].map { RunFinalPoint(params: $0.0, tokens: $0.1, loss: 3) }
        let envelope = ApproachEstimate(a: 0.45, b: 0.55, paramsAtTarget: 1e10, tokensAtTarget: 1.7e11)
        func intervals(a: ClosedRange<Double>) -> ParametricIntervals {
            ParametricIntervals(alpha: 0.3...0.4, beta: 0.25...0.3, a: a, E: 1.6...1.8, resamples: 200)
        }
        #expect(ChinchillaApproaches.source(isoflop: nil, parametric: fit, intervals: intervals(a: 0.43...0.48), finals: finals, envelope: envelope) == .parametric)
        #expect(ChinchillaApproaches.source(isoflop: nil, parametric: fit, intervals: intervals(a: 0.02...0.50), finals: finals, envelope: envelope) == .envelope)
        #expect(ChinchillaApproaches.source(isoflop: nil, parametric: fit, intervals: nil, finals: finals, envelope: envelope) == .parametric)
        // Under a decade of D: the envelope, whatever the intervals.
        let narrow = finals.map { RunFinalPoint(params: $0.params, tokens: 1e10 + $0.tokens / 10, loss: 3) }
        #expect(ChinchillaApproaches.source(isoflop: nil, parametric: fit, intervals: intervals(a: 0.43...0.48), finals: narrow, envelope: envelope) == .envelope)
    }
}
