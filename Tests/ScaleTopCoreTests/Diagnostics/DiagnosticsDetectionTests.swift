import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// Hits and delays on simulated runs with known onsets, each run evaluated as it grows (every
/// prefix). The rule: a run that starts rising at step S must be flagged before S + 25 %
/// (delay = (flagged step − S) / S < 0.25). Figures are printed for the closing note.
@Suite(.tags(.slow)) struct DiagnosticsDetectionTests {
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
        #expect(s.delays.allSatisfy { $0 < 0.1 })   // measured max 8.2 %
    }

    @Test func aChaoticBlowUpAtTooHighALearningRateIsFlaggedWithinFivePercentOfTheRun() throws {
        // A too-high learning rate: ×30 excursions that swing, from 8 % of the run (inside the
        // warm-up exemption of the statistical rules), calming down at 70 % to +30 %.
        let shape = FailureShape.chaotic(onset: 0.08)
        let detections = DiagnosticsBench.detect(shape, name: "chaotic", seeds: Self.seeds, runs: Self.runs, points: 300)
        let s = DiagnosticsBench.summarize("chaotic x30 from 8 %", detections, expected: [.diverged])
        let ofRun = detections.compactMap(\.delayOfRun).sorted()
        print("[diagnostics] \(s); delay as a share of the run: median \(ofRun[ofRun.count / 2]), max \(ofRun.last ?? .nan)")
        #expect(s.early == 0)
        #expect(s.hits == s.runs)
        #expect(ofRun.count == s.runs && ofRun.allSatisfy { $0 <= 0.05 })
        // The whole run, finished: still named a divergence, from where it began.
        for (index, detection) in zip(Self.runs, detections.prefix(Self.runs.count)) {
            let (run, plan) = DiagnosticsBench.plan(seed: detection.seed, points: 300, index: index, failure: shape)
            let diagnosis = RunDiagnostics.diagnose(DiagnosticsBench.series(run, plan))
            #expect(diagnosis.verdict.status == .finished)
            let episode = try #require(diagnosis.episodes.headline)
            #expect(episode.kind == .diverged && !episode.ongoing)
            #expect(abs(episode.fromStep - detection.onsetStep) <= 0.02 * Double(run.totalSteps))
            #expect(episode.toStep > 0.7 * Double(run.totalSteps) && episode.peakLoss > 10 * diagnosis.smoothed.loss(diagnosis.smoothed.count - 1))
            #expect(diagnosis.flaggedStatus == .diverged)
        }
    }

    @Test func aSlowRiseIsFlaggedWithinAQuarterPastOnset() {
        // A plateau flag may come first (the rise is slow); it turns into diverged a little later.
        let s = measure("slow rise +50 % by the end, from 40 %", .slowRise(onset: 0.4), expected: [.diverged, .plateau])
        #expect(s.early == 0)
        #expect(s.hits == s.runs)
        #expect(s.withinQuarter == s.runs)           // measured max 22.1 %
        #expect(s.divergedDelays.count == s.runs)
        #expect(s.divergedDelays.allSatisfy { $0 < 0.3 })   // measured max 25.4 %
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
        #expect(s.delays.allSatisfy { $0 < 0.12 })   // measured max 9.0 %
    }

    @Test func theStandardDivergenceIsFlaggedWithinAQuarterPastOnset() {
        let s = measure("divergence from 50 %, NaN at 80 %", .divergence(onset: 0.5, nanOnset: 0.8), expected: [.diverged, .plateau])
        #expect(s.early == 0)
        #expect(s.withinQuarter == s.runs)
        #expect(s.delays.allSatisfy { $0 < 0.18 })   // measured max 14.4 %
    }

    @Test func aPlateauIsFlaggedOnceTheNoiseAllowsIt() {
        // A plateau only stops falling. With 2.5 % noise per point and 300 points per run, even the
        // best test (onset known, straight trend before it) separates "flat since the onset" from
        // "still on the trend" by only 2.0–3.0 standard errors at 25 % past the onset (4–6 at 50 %),
        // while zero false alarms over every prefix of healthy runs needs about 4 (`plateauZ`): most
        // plateaus that young are inside the noise. The signal grows with √(points per run).
        // Measured: 300 points, 24/24 hit, 3/24 within 25 %, median delay 41 %, max 71 %;
        // 1000 points, 16/16, 8/16 within 25 %, median 25 %, max 36 %.
        let sparse = measure("plateau from 40 %, 300 points/run", .plateau(onset: 0.4), expected: [.plateau])
        let dense = measure("plateau from 40 %, 1000 points/run", .plateau(onset: 0.4), expected: [.plateau], points: 1000, seeds: 1...2)
        #expect(sparse.early == 0 && dense.early == 0)
        #expect(sparse.hits == sparse.runs)
        #expect(dense.hits == dense.runs)
        #expect(sparse.withinQuarter >= 2)
        #expect(dense.withinQuarter >= 6)
        func median(_ d: [Double]) -> Double { d.sorted()[d.count / 2] }
        #expect(median(sparse.delays) < 0.45)
        #expect(median(dense.delays) < 0.3)
        #expect(sparse.delays.allSatisfy { $0 < 0.8 })
        #expect(dense.delays.allSatisfy { $0 < 0.45 })
    }
}
