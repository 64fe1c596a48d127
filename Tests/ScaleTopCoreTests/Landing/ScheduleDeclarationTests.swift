import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

@Suite struct ScheduleDeclarationTests {
    func parse(_ json: String) -> Result<LearningRateSchedule, ScheduleDeclaration.Failure>? {
        ScheduleDeclaration.parse(try! JSONLines.parse(json))
    }

    @Test func namedSchedulesFollowTheirDefinitions() throws {
        let wsd = try #require(parse(#"{"total_steps": 24000, "lr_scheduler_type": "warmup_stable_decay", "warmup_steps": 2000, "peak_lr": 3e-4, "min_lr": 3e-5, "num_decay_steps": 4000, "decay_type": "linear"}"#)).get()
        #expect(wsd.lr(atStep: 1000) == 1.5e-4)
        #expect(wsd.lr(atStep: 10000) == 3e-4)
        #expect(abs(wsd.lr(atStep: 22000) - 1.65e-4) < 1e-9)
        #expect(abs(wsd.lr(atStep: 24000) - 3e-5) < 1e-12)
        let cosine = try #require(parse(#"{"max_steps": 1000, "lr_scheduler_type": "cosine", "peak_lr": 1}"#)).get()
        #expect(abs(cosine.lr(atStep: 500) - 0.5) < 1e-3)
        #expect(cosine.lr(atStep: 1000) < 1e-9)
        let ratio = try #require(parse(#"{"total_steps": 1000, "lr_scheduler_type": "cosine_with_min_lr", "peak_lr": 2, "min_lr_rate": 0.1, "warmup_ratio": 0.1}"#)).get()
        #expect(ratio.lr(atStep: 50) == 1)
        #expect(abs(ratio.lr(atStep: 1000) - 0.2) < 1e-9)
        #expect(parse(#"{"total_steps": 10, "loss": 3}"#) == nil)
    }

    @Test func knotsJoinLinearlyAndATwiceGivenStepIsAJump() throws {
        let s = try #require(parse(#"{"lr_schedule": [[0, 0], [100, 1], [500, 1], [500, 0.1], [1000, 0.1]]}"#)).get()
        #expect(s.name == "knots")
        #expect(s.lr(atStep: 50) == 0.5)
        #expect(s.lr(atStep: 499) == 1)
        #expect(s.lr(atStep: 501) == 0.1)
        #expect(s.lr(atStep: 5000) == 0.1)
    }

    @Test func aMalformedDeclarationIsAClearError() {
        let cases: [(String, String)] = [
            (#"{"total_steps": 10, "lr_scheduler_type": "cosine_restarts"}"#, "unknown lr_scheduler_type"),
            (#"{"lr_schedule": [[0, 1], [100, 0.5], [50, 0.1]]}"#, "out of order"),
            (#"{"lr_schedule": [[0, 1], [100, -0.5]]}"#, "negative"),
            (#"{"total_steps": 10, "lr_scheduler_type": "cosine", "peak_lr": -1}"#, "negative"),
            (#"{"lr_scheduler_type": "cosine"}"#, "needs total_steps"),
        ]
        for (json, words) in cases {
            guard case let .failure(failure)? = parse(json) else {
                Issue.record("\(json) was accepted")
                continue
            }
            #expect(failure.message.contains(words), "\(failure.message)")
        }
    }

    @Test func aRunWithABadDeclarationIsStillReadDrawnAndProjected() throws {
        let dir = try TemporaryDirectory()
        var text = #"{"run": "bad", "params": 1e8, "tokens_per_step": 1e5, "total_steps": 1000, "lr_scheduler_type": "cosine_restarts"}"# + "\n"
        for step in stride(from: 10, through: 500, by: 10) { text += "{\"step\": \(step), \"loss\": \(3 + 10 / Double(step))}\n" }
        try dir.write("bad.jsonl", text)
        try dir.write("good.jsonl", #"{"params": 1e8, "total_steps": 100, "lr_schedule": [[0, 1], [100, 0.1]]}"# + "\n{\"step\": 1, \"loss\": 4}\n")
        let reader = SweepReader(roots: try LogPaths.resolve([dir.path]))
        reader.poll(now: 0)
        #expect(reader.sweep.run(named: "bad")?.usablePoints == 50)
        guard case let .failure(failure)? = reader.sweep.schedules["bad"] else {
            Issue.record("no error recorded for the bad declaration")
            return
        }
        #expect(failure.message.contains("cosine_restarts"))
        #expect(reader.notices.contains { $0.contains("bad") && $0.contains("unknown lr_scheduler_type") })
        #expect((try? reader.sweep.schedules["good"]?.get())?.name == "knots")
        var analyzer = SweepAnalyzer()
        var diagnostics = SweepDiagnostics()
        let diagnosis = try #require(diagnostics.diagnose(reader.sweep, analysis: analyzer.analyze(reader.sweep), now: nil)["bad"])
        #expect(diagnosis.projection?.note?.contains("learning-rate schedule not used") == true)
        // The report says it on the run: its status reason and its own key.
        let report = SweepReport(sweep: reader.sweep, targetFlops: 1e21, analysis: analyzer.analyze(reader.sweep), analysisOptions: analyzer.options)
        let object = try JSONLines.parse(report.json().serialized(pretty: false))
        let runs = try #require(object["runs"] as? [[String: Any]])
        let bad = try #require(runs.first { $0["name"] as? String == "bad" })
        #expect((bad["status_reason"] as? String)?.contains("learning-rate schedule not used: unknown lr_scheduler_type") == true)
        #expect((bad["schedule_error"] as? String)?.contains("cosine_restarts") == true)
        let good = try #require(runs.first { $0["name"] as? String == "good" })
        #expect(good["schedule_error"] is NSNull)
    }
}
