import Foundation
@testable import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// Sweeps whose peak LR shrinks with size (2.4e-3 at 10M to 6e-4 at 1B, as published sweeps tune
/// it) and whose losses follow the schedule relative to each run's own peak: what the annealing law
/// shares across the sweep must not depend on the peaks, so these land as the one-peak sweeps do.
@Suite(.tags(.slow)) struct PeakLearningRateTransferTests {
    static let sizes = [1e7, 2.5e7, 6e7, 1.5e8, 4e8, 1e9]

    /// The model built from the complete runs of a sweep with size-dependent peaks.
    static func model(seed: UInt64, peakLRExponent: Double) throws -> SweepLandingModel {
        var fixture = ScheduledSweepFixture(sizes: sizes, seed: seed)
        fixture.peakLR = 2.4e-3
        fixture.peakLRExponent = peakLRExponent
        let dir = try TemporaryDirectory(prefix: "peak-lr")
        try fixture.write(into: dir.url)
        let reader = try SweepFixture.readOnce([dir.path])
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions())
        analyzer.options.bandResamples = 0
        return SweepLandingModel.build(reader.sweep, law: analyzer.analyze(reader.sweep).parametric)
    }

    /// The fixture's peaks are what the test says they are.
    @Test func theFixturePeaksShrinkWithSize() {
        var fixture = ScheduledSweepFixture(sizes: Self.sizes, seed: 1)
        fixture.peakLR = 2.4e-3
        fixture.peakLRExponent = 0.3
        #expect(abs(fixture.peakLR(params: 1e7) - 2.4e-3) < 1e-12)
        #expect(abs(fixture.peakLR(params: 1e9) / 6e-4 - 1) < 0.01)
    }

    /// The shared law fitted with the peaks changing by size is the one fitted with one peak for
    /// every size (same losses), and every run's level is finite.
    @Test(arguments: [UInt64(1), 2, 3])
    func theSharedLawDoesNotDependOnThePeaks(seed: UInt64) throws {
        let varying = try Self.model(seed: seed, peakLRExponent: 0.3)
        let single = try Self.model(seed: seed, peakLRExponent: 0)
        let law = try #require(varying.annealing), reference = try #require(single.annealing)
        print("[peak-lr] seed \(seed): α \(law.alpha) λ \(law.lambda) κ \(law.kappa) (one peak: α \(reference.alpha) λ \(reference.lambda) κ \(reference.kappa))")
        #expect(varying.levels.count == Self.sizes.count * ScheduledSweepFixture.Schedule.allCases.count)
        #expect(varying.levels.allSatisfy { $0.l0.isFinite && $0.a.isFinite })
        #expect(abs(law.alpha / reference.alpha - 1) < 0.02 && law.lambda == reference.lambda)
        // Each run's level sits where it sits with one peak (the losses are the same).
        for (a, b) in zip(varying.levels, single.levels) { #expect(abs(a.l0 / b.l0 - 1) < 0.002) }
    }

    /// The four runs of the largest size cut at 30 % and 50 %, every smaller run complete, three
    /// seeds: each projected under its schedule (none falls back to the schedule-free reading),
    /// within the targets the one-peak sweeps meet.
    @Test func sweepsWithSizeDependentPeaksLandUnderTheirSchedules() throws {
        for (fraction, medianBound, worstBound) in [(0.3, 0.004, 0.015), (0.5, 0.003, 0.010)] {
            let result = try LandingAccuracyHarness.simulated(fraction: fraction, withSchedules: true, peakLR: 2.4e-3, peakLRExponent: 0.3)
            let after = result.after
            print(after.description + " (peak LR 2.4e-3 at 10M to 6e-4 at 1B)")
            for o in after.outcomes {
                print("[landing]   \(o.run): projected \(o.projected.map { NumberText.fixed($0, digits: 4) } ?? "—") ends \(NumberText.fixed(o.truth, digits: 4)) schedule \(o.schedule ?? "none")")
            }
            #expect(after.outcomes.count == 12)
            #expect(after.outcomes.allSatisfy { $0.schedule != nil }, "runs projected without their schedule")
            #expect(after.median <= medianBound && after.worst <= worstBound, "\(after)")
        }
    }
}
