import Foundation
import ScaleTopCore
import Testing

/// Hits and delays on simulated runs with known onsets, each run evaluated as it grows (every
/// prefix). The rule: a run that starts rising at step S must be flagged before S + 25 %
/// (delay = (flagged step − S) / S < 0.25). Figures are printed for the closing note.
@Suite struct DiagnosticsDetectionTests {
    /// Three seeds × the eight run sizes of the standard sweep (10M–1B), 300 points per run, 2.5 % noise.
    static let seeds: ClosedRange<UInt64> = 1...3
    static let runs = Array(0..<8)

    func measure(_ name: String, _ shape: FailureShape, expected: Set<RunStatus>, points: Int = 300,
                 seeds: ClosedRange<UInt64> = Self.seeds) -> DiagnosticsBench.Summary {
        let detections = DiagnosticsBench.detect(shape, name: name, seeds: seeds, runs: Self.runs, points: points)
        let summary = DiagnosticsBench.summarize(name, detections, expected: expected)
        print("[diagnostics] \(summary)")
        return summary
    }

    @Test func aBlowUpThatPartlyRecoversIsFlaggedDivergedWithinAQuarterPastOnset() {
        let s = measure("blow-up x100 at 30 %", .blowUp(onset: 0.3), expected: [.diverged])
        #expect(s.early == 0)
        #expect(s.withinQuarter == s.runs)
    }

    @Test func aSlowRiseIsFlaggedWithinAQuarterPastOnset() {
        // A plateau flag may come first (the rise is slow); it turns into diverged a little later.
        let s = measure("slow rise +50 % by the end, from 40 %", .slowRise(onset: 0.4), expected: [.diverged, .plateau])
        #expect(s.early == 0)
        #expect(s.hits == s.runs)
        #expect(Double(s.withinQuarter) >= 0.85 * Double(s.runs))
        #expect(s.divergedDelays.count == s.runs)
    }

    @Test func aNaNIsFlaggedAtOnce() {
        let s = measure("NaN at 50 %", .nan(onset: 0.5), expected: [.diverged])
        #expect(s.withinQuarter == s.runs)
        #expect(s.delays.allSatisfy { $0 < 0.01 })
    }

    @Test func aRunStuckAtAnElevatedLossIsFlaggedWithinAQuarterPastOnset() {
        let s = measure("stuck +20 % from 35 %", .stuck(onset: 0.35), expected: [.diverged])
        #expect(s.early == 0)
        #expect(s.withinQuarter == s.runs)
    }

    @Test func theStandardDivergenceIsFlaggedWithinAQuarterPastOnset() {
        let s = measure("divergence from 50 %, NaN at 80 %", .divergence(onset: 0.5, nanOnset: 0.8), expected: [.diverged, .plateau])
        #expect(s.early == 0)
        #expect(s.withinQuarter == s.runs)
    }

    @Test func aPlateauIsFlaggedOnceTheNoiseAllowsIt() {
        // A plateau only stops falling: with 2.5 % noise per point, telling "flat" from "the few %
        // the trend still promised" takes more of the run than a rise does, and more with sparse logs.
        let sparse = measure("plateau from 40 %, 300 points/run", .plateau(onset: 0.4), expected: [.plateau])
        let dense = measure("plateau from 40 %, 1000 points/run", .plateau(onset: 0.4), expected: [.plateau], points: 1000, seeds: 1...2)
        #expect(sparse.early == 0 && dense.early == 0)
        #expect(sparse.hits >= 4)
        #expect(Double(dense.hits) >= 0.9 * Double(dense.runs))
        let sorted = dense.delays.sorted()
        #expect(sorted[sorted.count / 2] < 0.6)
    }
}
