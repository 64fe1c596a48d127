import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// No healthy run may ever be flagged plateau or diverged, at any point of its growth: warm-up bump,
/// several % of step-to-step noise and the end of a cosine schedule included.
@Suite struct DiagnosticsFalseAlarmTests {
    @Test func healthySimulatedRunsAreNeverFlagged() {
        var alarms: [String] = []
        var runs = 0
        for seed: UInt64 in 1...10 {
            for index in 0..<8 {
                let (run, plan) = DiagnosticsBench.plan(seed: seed, points: 300, index: index, failure: nil)
                runs += 1
                if let alarm = DiagnosticsBench.firstAlarm(DiagnosticsBench.series(run, plan)) {
                    alarms.append("\(run.name) seed \(seed) at point \(alarm.count): \(alarm.diagnosis.verdict.reason ?? "")")
                }
            }
        }
        print("[diagnostics] healthy simulated runs (10 seeds x 8 sizes, every prefix): \(alarms.count)/\(runs) with a false alarm")
        #expect(alarms.isEmpty, "\(alarms)")
    }

    @Test func theRealLi2025CurvesAreNeverFlaggedAsTheyGrow() throws {
        let reader = SweepReader(roots: try LogPaths.resolve([SharedData.data("sweep-li2025").path]))
        _ = reader.poll(now: 0)
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions())
        analyzer.options.bandResamples = 0
        let fit = analyzer.analyze(reader.sweep).envelopeFit
        #expect(fit != nil)
        #expect(reader.sweep.runs.count == 11)
        var evaluations = 0
        var alarms: [String] = []
        for run in reader.sweep.runs {
            let series = CurveSeries(run: run)
            #expect(series.axis == .flops)
            for n in 1...series.count {
                for context in [RunDiagnosticsContext(), RunDiagnosticsContext(envelopeFit: fit)] {
                    let verdict = RunDiagnostics.diagnose(series.prefix(n), context: context).verdict
                    evaluations += 1
                    if verdict.status == .plateau || verdict.status == .diverged {
                        alarms.append("\(run.name) at point \(n): \(verdict.reason ?? "")")
                    }
                }
            }
            #expect(RunDiagnostics.diagnose(run).verdict.status == .finished)
        }
        print("[diagnostics] Li et al. 2025, 11 real runs, every prefix with and without the envelope fit: \(alarms.count) false alarms in \(evaluations) evaluations")
        #expect(alarms.isEmpty, "\(alarms)")
    }
}
