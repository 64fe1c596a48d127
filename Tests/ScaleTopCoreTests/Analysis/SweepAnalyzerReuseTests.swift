import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// What a live sweep's analysis does again as lines trickle in: the band follows a fit that
/// barely moved instead of 200 refits, and final points that moved less than noise keep the
/// parametric fit; a real move redoes both.
@Suite struct SweepAnalyzerReuseTests {
    /// Six runs with no planned end (their last points are their final results).
    func write(_ dir: TemporaryDirectory, lastLossShift: Double, extraPoints: Int = 0) throws {
        for (k, params) in [1e7, 2e7, 4e7, 8e7, 1.6e8, 3.2e8].enumerated() {
            // 1 % noise, the same each time a run is written.
            var rng = TestRandom(seed: UInt64(k + 1))
            var text = "{\"params\": \(params), \"tokens_per_step\": 65536}\n"
            // Different lengths, so that tokens vary as well as parameters.
            let count = 100 + 40 * k + (k == 5 ? extraPoints : 0)
            for step in 1...count {
                let tokens = Double(step) * 65536 * 10
                var loss = (1.7 + 400 / pow(params, 0.34) + 410 / pow(tokens, 0.28)) * (1 + 0.02 * (rng.nextUnitInterval() - 0.5))
                if step == count { loss *= 1 + lastLossShift }
                text += "{\"step\": \(step * 10), \"loss\": \(loss)}\n"
            }
            try dir.write("r\(k).jsonl", text)
        }
    }

    func sweep(_ dir: TemporaryDirectory) throws -> Sweep {
        let reader = try SweepFixture.readOnce([dir.path])
        return reader.sweep
    }

    @Test func finalPointsThatMovedLessThanNoiseKeepTheParametricFit() throws {
        var options = SweepAnalysisOptions(targetFlops: 1e21)
        options.bandResamples = 0
        var analyzer = SweepAnalyzer(options: options)
        let dir = try TemporaryDirectory()
        try write(dir, lastLossShift: 0)
        let first = analyzer.analyze(try sweep(dir))
        let fit = try #require(first.parametric)
        // 0.1 % on every final loss: the same fit.
        try write(dir, lastLossShift: 0.001)
        let nudged = analyzer.analyze(try sweep(dir))
        #expect(nudged.parametric == fit)
        #expect(nudged.finals != first.finals)
        // 3 %: fitted again.
        try write(dir, lastLossShift: 0.03)
        let moved = analyzer.analyze(try sweep(dir))
        #expect(moved.parametric != nil && moved.parametric != fit)
    }

    /// (The bootstrap band: the band shown may be widened for reasons of its own.)
    @Test func theBandFollowsAFitThatBarelyMovedAndIsEstimatedAgainWhenItMoves() throws {
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: 1e21))
        let dir = try TemporaryDirectory()
        try write(dir, lastLossShift: 0)
        let first = analyzer.analyze(try sweep(dir), deferringParametric: true)
        let band = try #require(first.bootstrapBand)
        // One more point of the largest run: the fit moves a little, the band with it, same width.
        try write(dir, lastLossShift: 0, extraPoints: 1)
        let grown = analyzer.analyze(try sweep(dir), deferringParametric: true)
        let moved = try #require(grown.bootstrapBand)
        let fit0 = try #require(first.envelopeFit), fit1 = try #require(grown.envelopeFit)
        #expect(fit0 != fit1)
        let shift = fit1.loss(at: 1e21) - fit0.loss(at: 1e21)
        #expect(abs((moved.high - moved.low) - (band.high - band.low)) < 1e-12)
        #expect(abs(moved.low - (band.low + shift)) < 1e-12)
        // Many more: estimated again from its own refits.
        try write(dir, lastLossShift: 0, extraPoints: 120)
        let far = try #require(analyzer.analyze(try sweep(dir), deferringParametric: true).bootstrapBand)
        #expect(abs((far.high - far.low) - (band.high - band.low)) > 1e-9)
    }
}
