import Foundation
import ScaleTopTestSupport
import Testing

/// `scaletop report` run as a user runs it: the real binary, real files, exit codes.
@Suite struct ReportCommandTests {
    func report(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> (ScaleTopProcess.Outcome, [String: Any]?) {
        let outcome = try ScaleTopProcess.run(["report"] + arguments + ["--json"], environment: environment, input: input)
        return (outcome, try? JSONLines.parse(outcome.output))
    }

    @Test func missingPathExitsTwoWithAClearMessage() throws {
        let (outcome, _) = try report(["/nonexistent/runs"])
        #expect(outcome.status == 2)
        #expect(outcome.error.contains("/nonexistent/runs: no such file or directory"))
        #expect(outcome.output.isEmpty)
        let (glob, _) = try report(["/tmp/scaletop-no-such-*.jsonl"])
        #expect(glob.status == 2)
        #expect(glob.error.contains("no file matches"))
    }

    @Test func brokenLinesAreCountedAndEveryGoodPointKept() throws {
        let dir = try TemporaryDirectory()
        try dir.write("run.jsonl", """
            {"run": "r", "params": 1e8}
            {"step": 1, "tokens": 1e6, "loss": 5.0}
            {"step": 2, "tokens": 2e6, "loss": 4.5
            {"step": 3, "tokens": 3e6, "loss": 4.0}
            this is not json
            {"step": 4, "tokens": 4e6, "loss": 3.5}
            {"step": 5, "tokens": 5e6, "loss": 3.0}}

            {"step": 6, "tokens": 6e6, "loss": 2.5}

            """)
        let (outcome, json) = try report([dir.path])
        #expect(outcome.status == 0)
        let object = try #require(json)
        let lines = try #require(object["lines"] as? [String: Any])
        #expect(lines["bad"] as? Int == 3)
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs[0]["points"] as? Int == 4)
        #expect(runs[0]["bad_lines"] as? Int == 3)
        #expect((object["envelope"] as? [Any])?.count == 4)
    }

    @Test func numbersDoNotDependOnTheLocale() throws {
        let data = SharedData.data("sweep-li2025").path
        let (c, _) = try report([data], environment: ["LC_ALL": "C"])
        let (german, _) = try report([data], environment: ["LC_ALL": "de_DE.UTF-8"])
        let (utf8, _) = try report([data], environment: ["LC_ALL": "C.UTF-8"])
        // Everything but the measured refit time must be identical.
        func stable(_ text: String) -> String {
            text.replacingOccurrences(of: #""last_ms": [0-9.e+-]+"#, with: "", options: .regularExpression)
        }
        #expect(c.status == 0)
        #expect(stable(c.output) == stable(german.output))
        #expect(stable(c.output) == stable(utf8.output))
        #expect(c.output.contains("\"parametric\": {"))
        #expect(c.output.contains("\"loss\": 2.685064683285873"))
    }

    /// `--envelope-bins 20` on the Li et al. sweep: a shorter envelope whose points are all
    /// points of the full one, ending at the same point; the rest of the report is unchanged.
    @Test func envelopeBinsShortensOnlyTheEnvelope() throws {
        let data = SharedData.data("sweep-li2025").path
        let (full, fullJSON) = try report([data])
        let (binned, binnedJSON) = try report([data, "--envelope-bins", "20"])
        #expect(full.status == 0 && binned.status == 0)
        let all = try #require(fullJSON?["envelope"] as? [[String: Any]])
        let few = try #require(binnedJSON?["envelope"] as? [[String: Any]])
        #expect(all.count > 20)
        #expect(few.count <= 20 && few.count >= 5)
        func key(_ e: [String: Any]) -> String { "\(JSONLines.double(e["flops"]) ?? .nan) \(JSONLines.double(e["loss"]) ?? .nan)" }
        let allKeys = Set(all.map(key))
        #expect(few.allSatisfy { allKeys.contains(key($0)) })
        #expect(few.last.map(key) == all.last.map(key))
        #expect((fullJSON?["fit"] as? [String: Any])?["alpha"] as? Double == (binnedJSON?["fit"] as? [String: Any])?["alpha"] as? Double)
        let (bad, _) = try report([data, "--envelope-bins", "0"])
        #expect(bad.status != 0 && bad.error.contains("--envelope-bins"))
    }

    @Test func readsStandardInputAndFlags() throws {
        let input = Data("""
            {"step": 10, "loss": 4.0}
            {"step": 20, "loss": 3.0}

            """.utf8)
        let (outcome, json) = try report(["-", "--params", "stdin=1e6", "--tokens-per-step", "100", "--target", "1e20"], input: input)
        #expect(outcome.status == 0)
        let object = try #require(json)
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.first?["name"] as? String == "stdin")
        let last = try #require(runs.first?["last"] as? [String: Any])
        #expect(JSONLines.double(last["flops"]) == 6 * 1e6 * 20 * 100)
        #expect(JSONLines.double(object["target_flops"]) == 1e20)
    }

    @Test func unterminatedLastLineOfAFinishedFileIsRead() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 3.0}\n{\"loss\": 2.0}")
        try dir.write("b.jsonl", "{\"loss\": 3.0}\n{\"loss\": 2.")
        let (_, json) = try report([dir.path])
        let runs = try #require(json?["runs"] as? [[String: Any]])
        #expect(runs.first { $0["name"] as? String == "a" }?["points"] as? Int == 2)
        #expect(runs.first { $0["name"] as? String == "b" }?["bad_lines"] as? Int == 1)
    }

    @Test func sidecarMetaAndGlobs() throws {
        let dir = try TemporaryDirectory()
        try dir.write("d12.jsonl", "{\"tokens\": 1e9, \"loss\": 3.0}\n")
        try dir.write("d12.meta.json", "{\n  \"params\": 1.24e8,\n  \"total_tokens\": 1e9\n}\n")
        try dir.write("other.jsonl", "{\"tokens\": 1e9, \"loss\": 3.0}\n")
        let (outcome, json) = try report([dir.path + "/d1*.jsonl"])
        #expect(outcome.status == 0)
        let runs = try #require(json?["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(JSONLines.double(runs[0]["params"]) == 1.24e8)
        #expect(runs[0]["status"] as? String == "finished")
    }

    @Test func closedPipeEndsQuietly() throws {
        let data = SharedData.data("sweep-li2025").path
        let binary = ScaleTopProcess.executable.path
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "'\(binary)' report '\(data)' --json | head -c 10 >/dev/null; echo ${PIPESTATUS:-0}"], timeout: 120)
        let text = String(decoding: outcome.output + outcome.error, as: UTF8.self)
        #expect(!text.contains("Fatal"))
        #expect(!text.contains("rror"))
    }
}
