import Foundation
import ScaleTopTestSupport
import Testing

/// `report --json --follow`: the headless live mode that alerting scripts read.
@Suite(.tags(.slow)) struct FollowModeTests {
    func object(_ line: String) -> [String: Any]? { try? JSONLines.parse(line) }

    func points(_ line: String, _ run: String) -> Int? {
        let runs = object(line)?["runs"] as? [[String: Any]]
        return runs?.first { $0["name"] as? String == run }?["points"] as? Int
    }

    @Test(arguments: [false, true]) func printsAgainOnEveryChangeAndExitsCleanly(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"params\": 1e6}\n{\"tokens\": 1e6, \"loss\": 5.0}\n")
        let process = try RunningProcess(["report", dir.path, "--json", "--follow", "--interval", "0.05"] + (polling ? ["--poll"] : []))
        let first = try #require(process.waitForNextLine { _ in true })
        #expect(!first.contains("\n"))
        #expect(points(first, "a") == 1)

        try dir.append("a.jsonl", "{\"tokens\": 2e6, \"loss\": 4.0}\n{\"tokens\": 3e6, \"lo")
        #expect(process.waitForNextLine { self.points($0, "a") == 2 } != nil)
        try dir.append("a.jsonl", "ss\": 3.0}\n")
        #expect(process.waitForNextLine { self.points($0, "a") == 3 } != nil)

        // A new file appears.
        try dir.write("b.jsonl", "{\"params\": 2e6}\n{\"tokens\": 1e6, \"loss\": 4.5}\n")
        #expect(process.waitForNextLine { self.points($0, "b") == 1 } != nil)

        // Truncation, then rotation: the run always equals its file.
        try dir.write("a.jsonl", "{\"params\": 1e6}\n{\"tokens\": 1e6, \"loss\": 6.0}\n")
        #expect(process.waitForNextLine { self.points($0, "a") == 1 } != nil)
        try FileManager.default.moveItem(at: dir.file("b.jsonl"), to: dir.file("b.jsonl.1"))
        try dir.write("b.jsonl", "{\"params\": 2e6}\n{\"tokens\": 1e6, \"loss\": 4.4}\n{\"tokens\": 2e6, \"loss\": 4.3}\n")
        let rotated = try #require(process.waitForNextLine { self.points($0, "b") == 2 })
        let lines = object(rotated)?["lines"] as? [String: Any]
        #expect(lines?["bad"] as? Int == 0)

        #expect(process.stop(SIGTERM) == 0)
    }

    @Test func sigintExitsZero() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 5.0}\n")
        let process = try RunningProcess(["report", dir.path, "--json", "--follow"])
        #expect(process.waitForLine { _ in true } != nil)
        #expect(process.stop(SIGINT) == 0)
    }

    func status(_ line: String, _ run: String) -> String? {
        let runs = object(line)?["runs"] as? [[String: Any]]
        return runs?.first { $0["name"] as? String == run }?["status"] as? String
    }

    /// A run that goes quiet turns stale with no new line at all: the new status is printed.
    @Test func printsAStatusChangeThatCameWithTheClockAlone() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"params\": 1e6, \"total_tokens\": 1e9}\n{\"tokens\": 1e6, \"loss\": 5.0}\n")
        let process = try RunningProcess(["report", dir.path, "--json", "--follow", "--interval", "0.1", "--stale", "1"])
        let first = try #require(process.waitForLine { _ in true })
        #expect(status(first, "a") == "running")
        let later = try #require(process.waitForLine(timeout: 15) { self.status($0, "a") == "stale" })
        #expect(object(later)?["runs"] != nil)
        #expect(process.stop() == 0)
    }

    /// `--on-alert`: the command runs once when a run diverges, with the run in its environment
    /// and arguments; its failure is reported and watching goes on.
    @Test func onAlertRunsTheCommandAndSurvivesItsFailure() throws {
        let dir = try TemporaryDirectory()
        let record = dir.file("alerts.txt").path
        try dir.write("a.jsonl", "{\"params\": 1e6, \"total_tokens\": 1e9}\n{\"tokens\": 1e6, \"loss\": 5.0}\n")
        try dir.write("b.jsonl", "{\"params\": 2e6, \"total_tokens\": 1e9}\n{\"tokens\": 1e6, \"loss\": 4.0}\n")
        let command = "printf '%s|%s|%s|%s\\n' \"$SCALETOP_RUN\" \"$SCALETOP_STATUS\" \"$1\" \"$SCALETOP_PREVIOUS_STATUS\" >> '\(record)'; exit 3"
        let process = try RunningProcess(["report", dir.path, "--json", "--follow", "--interval", "0.05", "--on-alert", command])
        #expect(process.waitForLine { self.status($0, "a") == "running" } != nil)
        try dir.append("a.jsonl", "{\"tokens\": 2e6, \"loss\": NaN}\n")
        #expect(process.waitForLine { self.status($0, "a") == "diverged" } != nil)
        let deadline = Date().addingTimeInterval(10)
        var alerts: [String] = []
        var errors = ""
        repeat {
            alerts = ((try? String(contentsOf: dir.file("alerts.txt"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            errors = process.errorOutput
            if !alerts.isEmpty && errors.contains("exited 3") { break }
            usleep(50_000)
        } while Date() < deadline
        #expect(alerts == ["a|diverged|a|running"])
        #expect(errors.contains("--on-alert exited 3 for run a (diverged)"))
        // Still watching: the next line is printed, and no second alert for the same run.
        try dir.append("b.jsonl", "{\"tokens\": 2e6, \"loss\": 3.9}\n")
        #expect(process.waitForLine { self.points($0, "b") == 2 } != nil)
        #expect(process.stop() == 0)
        let final = ((try? String(contentsOf: dir.file("alerts.txt"), encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(final.count == 1)
    }

    @Test func onAlertNeedsFollow() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 5.0}\n")
        let outcome = try ScaleTopProcess.run(["report", dir.path, "--json", "--on-alert", "true"])
        #expect(outcome.status == 64)
        #expect(outcome.error.contains("--on-alert needs --follow"))
    }
}
