import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// No healthy run may ever be flagged plateau or diverged, at any point of its growth: warm-up bump,
/// several % of step-to-step noise, a WSD stable phase, a constant rate, a two-stage schedule's low
/// stage and the end of a cosine schedule included (each run judged with the schedule it declares).
@Suite(.tags(.slow)) struct DiagnosticsFalseAlarmTests {
    @Test func healthySimulatedRunsAreNeverFlagged() {
        var alarms: [String] = []
        var runs = 0
        for seed: UInt64 in 1...10 {
            for index in 0..<8 {
                let (run, plan) = DiagnosticsBench.plan(seed: seed, points: 300, index: index, failure: nil)
                runs += 1
                if let alarm = DiagnosticsBench.firstAlarm(DiagnosticsBench.series(run, plan), context: DiagnosticsBench.context(run)) {
                    alarms.append("\(run.name) seed \(seed) at point \(alarm.count): \(alarm.diagnosis.verdict.reason ?? "")")
                }
            }
        }
        print("[diagnostics] healthy simulated runs (10 seeds x 8 sizes, every prefix): \(alarms.count)/\(runs) with a false alarm")
        #expect(alarms.isEmpty, "\(alarms)")
    }

    /// Read whole and replayed, as `report` reads a finished sweep: no healthy run has an episode.
    @Test func healthySimulatedRunsHaveNoEpisodes() throws {
        var episodes: [String] = []
        for seed: UInt64 in 1...10 {
            let directory = try TemporaryDirectory()
            var plan = SweepPlan.standard(seed: seed, pointsPerRun: 300)
            for i in plan.runs.indices { plan.runs[i].failure = nil }
            _ = try SweepWriter(plan: plan, directory: directory.path, instant: true).write()
            let reader = SweepReader(roots: try LogPaths.resolve([directory.path]))
            _ = reader.poll(now: 0)
            var diagnostics = SweepDiagnostics()
            for (name, diagnosis) in diagnostics.diagnose(reader.sweep, fit: nil, now: nil) {
                episodes += diagnosis.episodes.map { "seed \(seed) \(name): \($0.label)" }
            }
        }
        print("[diagnostics] healthy simulated runs (10 seeds x 8 sizes, read whole, replayed): \(episodes.count) episodes")
        #expect(episodes.isEmpty, "\(episodes)")
    }

    /// Every run of a shared dataset evaluated at every prefix, with and without the sweep's envelope
    /// fit: (runs, evaluations, alarms, whether there was a fit).
    static func realAlarms(_ folder: String) throws -> (runs: Int, evaluations: Int, alarms: [String], fitted: Bool) {
        let reader = SweepReader(roots: try LogPaths.resolve([SharedData.data(folder).path]))
        _ = reader.poll(now: 0)
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions())
        analyzer.options.bandResamples = 0
        let fit = analyzer.analyze(reader.sweep).envelopeFit
        let contexts = [RunDiagnosticsContext()] + (fit.map { [RunDiagnosticsContext(envelopeFit: $0)] } ?? [])
        var evaluations = 0
        var alarms: [String] = []
        for run in reader.sweep.runs {
            let series = CurveSeries(run: run)
            guard series.count > 0 else { continue }
            for n in 1...series.count {
                for context in contexts {
                    let verdict = RunDiagnostics.diagnose(series.prefix(n), context: context).verdict
                    evaluations += 1
                    if verdict.status == .plateau || verdict.status == .diverged {
                        alarms.append("\(folder)/\(run.name) at point \(n): \(verdict.reason ?? "")")
                    }
                }
            }
        }
        var diagnostics = SweepDiagnostics()
        for (name, diagnosis) in diagnostics.diagnose(reader.sweep, fit: fit, now: nil) {
            alarms += diagnosis.episodes.map { "\(folder)/\(name), read whole: episode \($0.label)" }
        }
        print("[diagnostics] \(folder), \(reader.sweep.runs.count) real runs, every prefix\(fit == nil ? "" : " with and without the envelope fit"): \(alarms.count) false alarms in \(evaluations) evaluations")
        return (reader.sweep.runs.count, evaluations, alarms, fit != nil)
    }

    @Test func theRealLi2025CurvesAreNeverFlaggedAsTheyGrow() throws {
        let (runs, evaluations, alarms, fitted) = try Self.realAlarms("sweep-li2025")
        #expect(fitted)
        #expect(runs == 11)
        #expect(evaluations == 1588)
        #expect(alarms.isEmpty, "\(alarms)")
        let reader = SweepReader(roots: try LogPaths.resolve([SharedData.data("sweep-li2025").path]))
        _ = reader.poll(now: 0)
        for run in reader.sweep.runs {
            #expect(CurveSeries(run: run).axis == .flops)
            #expect(RunDiagnostics.diagnose(run).verdict.status == .finished)
        }
    }

    /// The other shared datasets: W&B and TensorBoard logs of a synthetic sweep with 0.4 % noise
    /// (pure power law, no schedule effects), and Chinchilla's final results (one point per run).
    @Test(arguments: ["wandb-offline", "tensorboard", "chinchilla-epoch"])
    func theOtherSharedCurvesAreNeverFlaggedAsTheyGrow(_ folder: String) throws {
        let (runs, evaluations, alarms, _) = try Self.realAlarms(folder)
        #expect(runs > 0 && evaluations >= runs)
        #expect(alarms.isEmpty, "\(alarms)")
    }
}
