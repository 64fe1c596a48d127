import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// Hugging Face `trainer_state.json` (rewritten whole) and Lightning `metrics.csv`.
@Suite struct TrainerStateAndCSVTests {
    /// A `trainer_state.json` as the Trainer writes it (indent 2), with `entries` of
    /// `log_history`: a training entry every 10 steps and an eval entry every 20.
    static func trainerState(steps: Int) -> String {
        var entries: [String] = []
        for step in stride(from: 10, through: steps, by: 10) {
            entries.append("""
                    {
                      "epoch": \(Double(step) / 100),
                      "grad_norm": 1.5,
                      "learning_rate": 0.0003,
                      "loss": \(10.0 - Double(step) / 10),
                      "step": \(step)
                    }
                """)
            if step % 20 == 0 {
                entries.append("""
                        {
                          "epoch": \(Double(step) / 100),
                          "eval_loss": \(10.5 - Double(step) / 10),
                          "eval_runtime": 1.25,
                          "step": \(step)
                        }
                    """)
            }
        }
        return """
            {
              "best_metric": null,
              "epoch": \(Double(steps) / 100),
              "global_step": \(steps),
              "log_history": [
            \(entries.joined(separator: ",\n"))
              ],
              "logging_steps": 10,
              "max_steps": 100,
              "train_batch_size": 8
            }

            """
    }

    @Test(arguments: [false, true]) func rewrittenWithMoreEntriesGivesNoDuplicates(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("out/trainer_state.json", Self.trainerState(steps: 40))
        let r = try FormatReading.reader([dir.path], polling: polling)
        r.poll(now: 1)
        // 4 training entries; the 2 eval entries are the run's eval_loss series, not its curve.
        #expect(FormatReading.losses(r.sweep, "out") == [9, 8, 7, 6])
        #expect(FormatReading.losses(r.sweep, "out", key: "eval_loss") == [8.5, 6.5])
        #expect(r.sweep.run(named: "out")?.meta.totalSteps == 100)
        try dir.write("out/trainer_state.json", Self.trainerState(steps: 60))
        r.poll(now: 2)
        #expect(FormatReading.losses(r.sweep, "out") == [9, 8, 7, 6, 5, 4])
        #expect(FormatReading.losses(r.sweep, "out", key: "eval_loss") == [8.5, 6.5, 4.5])
        #expect(r.sweep.run(named: "out")?.curve.step.map { $0 } == [10, 20, 30, 40, 50, 60])
        // Nothing changed: nothing read.
        let revision = r.sweep.revision
        r.poll(now: 3)
        #expect(r.sweep.revision == revision)
        #expect(r.sweep.lineCounts.bad == 0)
    }

    @Test func aDocumentBeingWrittenWaitsForTheRest() throws {
        let dir = try TemporaryDirectory()
        let full = Self.trainerState(steps: 40)
        try dir.write("out/trainer_state.json", String(full.prefix(full.count / 2)))
        let r = try FormatReading.reader([dir.path])
        r.poll(now: 1)
        #expect(FormatReading.losses(r.sweep, "out") == [])
        #expect(r.sweep.lineCounts.bad == 0)
        try dir.write("out/trainer_state.json", full)
        r.poll(now: 2)
        #expect(FormatReading.losses(r.sweep, "out").count == 4)
    }

    @Test func checkpointCopiesFeedOneRunWithoutDuplicates() throws {
        let dir = try TemporaryDirectory()
        try dir.write("out/checkpoint-40/trainer_state.json", Self.trainerState(steps: 40))
        try dir.write("out/checkpoint-60/trainer_state.json", Self.trainerState(steps: 60))
        let sweep = try FormatReading.read(dir.path)
        #expect(sweep.runs.map(\.name) == ["out"])
        #expect(sweep.run(named: "out")?.curve.count == 6)
    }

    @Test func metricsCSVWithEmptyCells() throws {
        let dir = try TemporaryDirectory()
        try dir.write("lightning_logs/version_0/metrics.csv", """
            epoch,step,train_loss,val_loss
            0,49,2.5,
            0,99,2.25,
            0,99,,2.4
            1,149,2.0,
            1,199,"1.75",
            """)
        let r = try FormatReading.reader([dir.path])
        r.poll(now: 1)
        let run = "lightning_logs/version_0"
        // The last row has no newline yet: it waits. Validation rows are their own series.
        #expect(FormatReading.losses(r.sweep, run) == [2.5, 2.25, 2.0])
        #expect(r.sweep.run(named: run)?.curve.step.map { $0 } == [49, 99, 149])
        try dir.append("lightning_logs/version_0/metrics.csv", "\n1,199,,2.1\n")
        r.poll(now: 2)
        #expect(FormatReading.losses(r.sweep, run) == [2.5, 2.25, 2.0, 1.75])
        #expect(FormatReading.losses(r.sweep, run, key: "val_loss") == [2.4, 2.1])
        #expect(r.sweep.lineCounts.bad == 0)
        // Only the validation loss with --loss-key.
        let only = try FormatReading.reader([dir.path], lossKey: "val_loss", oneShot: true)
        only.poll(now: 1)
        #expect(FormatReading.losses(only.sweep, run) == [2.4, 2.1])
    }

    @Test func csvRewrittenWithANewColumnIsReadAgain() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/metrics.csv", "step,train_loss\n1,3.0\n2,2.5\n")
        let r = try FormatReading.reader([dir.path])
        r.poll(now: 1)
        #expect(FormatReading.losses(r.sweep, "m") == [3.0, 2.5])
        // Lightning rewrites the file when a metric appears.
        try dir.write("m/metrics.csv", "step,tokens,train_loss\n1,100,3.0\n2,200,2.5\n3,300,2.0\n")
        r.poll(now: 2)
        #expect(FormatReading.losses(r.sweep, "m") == [3.0, 2.5, 2.0])
        #expect(r.sweep.run(named: "m")?.curve.tokens.map { $0 } == [100, 200, 300])
    }

    @Test func formatsAreToldFromFileNames() {
        #expect(LogFormat.fromName("a/events.out.tfevents.1700000000.host") == .tensorBoard)
        #expect(LogFormat.fromName("wandb/run-1/run-abc.wandb") == .wandb)
        #expect(LogFormat.fromName("out/checkpoint-5/trainer_state.json") == .trainerState)
        #expect(LogFormat.fromName("v0/metrics.csv") == .csv)
        #expect(LogFormat.fromName("a.jsonl") == .jsonLines)
        #expect(LogFormat.fromName("data.csv") == nil)
        #expect(LogFormat.fromName("config.json") == nil)
        #expect(LogPaths.runName(of: "/r/out/checkpoint-5/trainer_state.json", under: "/r", format: .trainerState) == "out")
        #expect(LogPaths.runName(of: "/r/a/b/events.out.tfevents.1", under: "/r/", format: .tensorBoard) == "a/b")
        #expect(LogPaths.runName(of: "/r/n1/events.out.tfevents.1", under: "/r/n1", format: .tensorBoard) == "n1")
    }
}
