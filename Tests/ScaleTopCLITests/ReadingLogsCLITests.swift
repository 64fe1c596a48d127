import Foundation
import ScaleTopTestSupport
import Testing

/// `scaletop report` on logs as people write them: globs, overrides by run name or glob,
/// sidecars that arrive while watching, and notes on what is missing.
@Suite struct ReadingLogsCLITests {
    func runs(_ object: [String: Any]) -> [String: [String: Any]] {
        var byName: [String: [String: Any]] = [:]
        for run in object["runs"] as? [[String: Any]] ?? [] {
            if let name = run["name"] as? String { byName[name] = run }
        }
        return byName
    }

    func report(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try ScaleTopProcess.run(["report", "--json"] + arguments)
        #expect(outcome.status == 0, "\(outcome.error)")
        return try JSONLines.parse(outcome.output)
    }

    /// `g/dN/log.jsonl`, no `run` key, each with its own size and losses.
    func writeSweep(_ dir: TemporaryDirectory) throws -> [String: [Double]] {
        let losses: [String: [Double]] = ["d12": [6.5, 4.25, 3.75], "d20": [6.25, 4.0, 3.5], "d26": [6.0, 3.75, 3.25]]
        for (name, values) in losses {
            let lines = values.enumerated().map { #"{"step": \#(100 * ($0.offset + 1)), "loss": \#($0.element)}"# }
            try dir.write("g/\(name)/log.jsonl", lines.joined(separator: "\n") + "\n")
        }
        return losses
    }

    @Test func aQuotedGlobGivesOneRunPerFile() throws {
        let dir = try TemporaryDirectory()
        let losses = try writeSweep(dir)
        for arguments in [[dir.path + "/g/*/log.jsonl"], losses.keys.sorted().map { dir.path + "/g/\($0)/log.jsonl" }] {
            let object = try report(arguments + ["--params", "d12=124M", "--params", "d2*=3.5e8", "--tokens-per-step", "d*=1000"])
            let byName = runs(object)
            #expect(Set(byName.keys) == Set(losses.keys))
            for (name, values) in losses {
                let run = try #require(byName[name])
                #expect(run["points"] as? Int == values.count)
                let last = run["last"] as? [String: Any]
                #expect(JSONLines.double(last?["loss"]) == values.last)
                #expect(JSONLines.double(last?["step"]) == 300)
                #expect(JSONLines.double(run["params"]) == (name == "d12" ? 124e6 : 3.5e8))
                #expect(JSONLines.double(run["tokens_per_step"]) == 1000)
                #expect(run["flops_unavailable"] is NSNull)
            }
        }
    }

    @Test func anOverrideThatMatchesNoRunIsAnErrorListingTheRuns() throws {
        let dir = try TemporaryDirectory()
        _ = try writeSweep(dir)
        for option in [["--params", "d13=1e9"], ["--params", "a1/train=124e6"], ["--tokens-per-step", "x*=1000"]] {
            let outcome = try ScaleTopProcess.run(["report", dir.path + "/g/*/log.jsonl"] + option)
            #expect(outcome.status == 2)
            #expect(outcome.output.isEmpty)
            #expect(outcome.error.contains("\(option[0]) \(option[1]) matches no run (runs: d12, d20, d26)"), "\(outcome.error)")
        }
        let export = try ScaleTopProcess.run(["export", dir.path + "/g/*/log.jsonl", "--csv", dir.path + "/csv", "--params", "d13=1e9"])
        #expect(export.status == 2)
        #expect(export.error.contains("--params d13=1e9 matches no run (runs: d12, d20, d26)"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/csv/runs.csv"))
        // A bare --tokens-per-step is still the fallback for every run.
        let object = try report([dir.path + "/g/*/log.jsonl", "--tokens-per-step", "0.5M"])
        #expect(runs(object).values.allSatisfy { JSONLines.double($0["tokens_per_step"]) == 5e5 })
    }

    @Test(arguments: [false, true]) func aSidecarAddedWhileFollowingMovesTheRunOntoTheFLOPsAxis(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("d12/log.jsonl", "{\"step\": 100, \"loss\": 5.0}\n{\"step\": 200, \"loss\": 4.5}\n")
        let process = try RunningProcess(
            ["report", dir.path, "--json", "--follow", "--interval", "0.05"] + (polling ? ["--poll"] : []))
        let first = try #require(process.waitForNextLine { _ in true })
        let before = try #require(runs(try JSONLines.parse(first))["d12/log"])
        #expect(before["flops_unavailable"] as? String != nil)
        #expect(((try JSONLines.parse(first))["envelope"] as? [Any])?.isEmpty == true)

        try dir.write("d12/log.meta.json", "{\"params\": 1.24e8, \"tokens_per_step\": 524288, \"max_steps\": 400}\n")
        let moved = try #require(process.waitForNextLine(timeout: 40) { line in
            guard let object = try? JSONLines.parse(line) else { return false }
            return JSONLines.double(self.runs(object)["d12/log"]?["params"]) != nil
        })
        let object = try JSONLines.parse(moved)
        let run = try #require(runs(object)["d12/log"])
        #expect(JSONLines.double(run["params"]) == 1.24e8)
        #expect(run["flops_unavailable"] is NSNull)
        #expect(JSONLines.double(run["planned_tokens"]) == 400.0 * 524_288)
        let envelope = try #require(object["envelope"] as? [[String: Any]])
        #expect(envelope.compactMap { JSONLines.double($0["loss"]) } == [5.0, 4.5])
        // 6·N·tokens, tokens = step · tokens per step, in the order the reader multiplies.
        let sixN: Double = 6 * 1.24e8
        let expectedFlops: [Double] = [sixN * (100 * 524_288), sixN * (200 * 524_288)]
        #expect(envelope.compactMap { JSONLines.double($0["flops"]) } == expectedFlops)
        #expect(process.stop(SIGTERM) == 0)
    }

    @Test func notesSayWhyAResultIsNull() throws {
        let dir = try TemporaryDirectory()
        // Three finished sizes: enough for the envelope fit, not for the parametric fit.
        for (k, n) in [1e7, 3e7, 1e8].enumerated() {
            var lines = ["{\"params\": \(n), \"total_tokens\": 2e9}"]
            for step in 1...20 {
                let tokens = Double(step) * 1e8
                let loss = 1.8 + 400 / pow(n, 0.34) + 410 / pow(tokens, 0.28) + Double(k) * 0.001
                lines.append("{\"tokens\": \(tokens), \"loss\": \(loss)}")
            }
            try dir.write("n\(k).jsonl", lines.joined(separator: "\n") + "\n")
        }
        try dir.write("loose.jsonl", "{\"step\": 10, \"loss\": 4.0}\n")
        let object = try report([dir.path, "--target", "1e21"])
        #expect(object["parametric"] is NSNull)
        let notes = try #require(object["notes"] as? [String])
        #expect(notes.contains(
            "parametric: needs final points of at least 6 runs; have 3; final points come from finished runs and runs with no planned end (1 run without a parameter count)"),
            "\(notes)")
        #expect(notes.contains { $0.hasPrefix("isoflop: needs final points of at least 3 model sizes within 10 % of one compute; the largest such group has 1") })
        // Three model sizes' curves over decades of compute: approach 1 (the envelope's N
        // against C) gives the optimum where approaches 2 and 3 cannot.
        #expect(!notes.contains { $0.hasPrefix("optimal_at_target") })
        #expect((object["optimal_at_target"] as? [String: Any])?["source"] as? String == "envelope")
        #expect(!notes.contains { $0.hasPrefix("fit:") })
        let loose = try #require(runs(object)["loose"])
        #expect((loose["planned_end_missing"] as? String)?.hasPrefix("no planned end: log \"total_steps\"") == true)
        #expect(runs(object)["n0"]?["planned_end_missing"] is NSNull)
    }

    @Test func lossKeysOfEachRunAreReported() throws {
        let dir = try TemporaryDirectory()
        try dir.write("out/trainer_state.json", LibraryLogs.trainerState(trainLosses: [10.9, 10.2, 9.6, 9.1], evalLosses: [9.8, 9.0], finished: true))
        let object = try report([dir.path])
        let run = try #require(runs(object)["out"])
        #expect(run["loss_key"] as? String == "loss")
        #expect(run["other_losses"] as? [String: Int] == ["eval_loss": 2])
        #expect(run["points"] as? Int == 4)
        #expect(JSONLines.double((run["last"] as? [String: Any])?["loss"]) == 9.1)
        // The text report says which key the curve is and which others there are.
        let text = try ScaleTopProcess.run(["report", dir.path])
        #expect(text.status == 0)
        #expect(text.output.contains("out: loss from loss; also logged eval_loss (2 points) (--loss-key K reads only K)"), "\(text.output)")
        #expect(text.output.contains("parametric: needs final points of at least 6 runs; have 0"))
    }
}
