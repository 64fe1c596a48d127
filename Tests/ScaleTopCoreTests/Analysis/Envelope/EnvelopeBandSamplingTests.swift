import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// The fit uses 1500 frontier samples (Hoffmann et al.), but neighbouring samples are nearly
/// copies of one another: the band must not narrow just because there are more of them.
@Suite struct EnvelopeBandSamplingTests {
    @Test func theBandOfTheLiSweepDoesNotShrinkWithTheSampleCount() throws {
        let reader = try SweepFixture.readOnce([SharedData.data("sweep-li2025").path])
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: 1e22))
        let analysis = analyzer.analyze(reader.sweep)
        #expect(analysis.fitPoints.count == FrontierSampler.defaultCount)
        let fit = try #require(analysis.envelopeFit)
        let band = try #require(analysis.band)
        let predicted = fit.loss(at: 1e22)
        #expect(band.low < predicted && predicted < band.high)

        // The same band from a frontier of 100 samples, fitted and resampled independently.
        let coarse = SweepAnalyzer.fitEnvelope(reader.sweep, warmupFraction: 0.1, samples: 100)
        let coarseFit = try #require(EnvelopeFitSolver().fit(coarse))
        let reference = try #require(EnvelopeBandEstimator().band(for: coarseFit, points: coarse, atCompute: 1e22))
        let ratio = (band.high - band.low) / (reference.high - reference.low)
        #expect(ratio > 0.7 && ratio < 1.4, "band \(band.low)–\(band.high) vs \(reference.low)–\(reference.high)")
    }
}
