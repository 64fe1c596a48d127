import Foundation
import ScaleTopTestSupport
import Testing

/// A real-shaped blow-up at too high a learning rate, through `report --json`: caught while it
/// happens, and still named once the run recovered and finished.
@Suite struct RunHealthReportTests {
    func run(_ output: String) throws -> [String: Any] {
        let object = try JSONLines.parse(output)
        let runs = try #require(object["runs"] as? [[String: Any]])
        return try #require(runs.first)
    }

    @Test func aBlowUpIsDivergedWhileItLastsAndAnEpisodeOfTheFinishedRun() throws {
        let dir = try TemporaryDirectory()
        // A quarter of the rest of the run past its onset, as someone would look at it.
        let cut = UnstableRunLog.onsetStep + (UnstableRunLog.totalSteps - UnstableRunLog.onsetStep) / 4
        try dir.write("lr3e-2.jsonl", UnstableRunLog.text(through: cut))
        let during = try run(try ScaleTopProcess.run(["report", dir.path, "--json"]).output)
        #expect(during["status"] as? String == "diverged")
        #expect((during["status_reason"] as? String)?.contains("blew up") == true)

        try dir.write("lr3e-2.jsonl", UnstableRunLog.text())
        let whole = try run(try ScaleTopProcess.run(["report", dir.path, "--json"]).output)
        #expect(whole["status"] as? String == "finished")
        let episodes = try #require(whole["episodes"] as? [[String: Any]])
        // One blow-up, one episode, however its loss swung.
        #expect(episodes.filter { $0["kind"] as? String == "diverged" }.count == 1, "\(episodes)")
        let divergence = try #require(episodes.first { $0["kind"] as? String == "diverged" })
        let from = try #require(divergence["from_step"] as? Double)
        let to = try #require(divergence["to_step"] as? Double)
        #expect(abs(from - Double(UnstableRunLog.onsetStep)) <= 60, "from \(from)")
        #expect(to >= Double(UnstableRunLog.calmStep) && to <= Double(UnstableRunLog.calmStep) + 800, "to \(to)")
        #expect((divergence["peak_loss"] as? Double ?? 0) > 200)
        #expect(divergence["ongoing"] as? Bool == false)
        #expect((whole["status_reason"] as? String)?.contains("It went through diverged \(Int(from))–\(Int(to))") == true)
    }

    /// `--follow --on-alert` over the whole life of the run: one alert for the one blow-up, however
    /// often its loss swings in and out of it, and none when the run recovers and finishes.
    @Test func followAlertsOncePerEpisode() throws {
        let dir = try TemporaryDirectory()
        let record = dir.file("alerts.txt").path
        let lines = UnstableRunLog.lines()
        try dir.write("lr3e-2.jsonl", lines.prefix(20).map { $0 + "\n" }.joined())
        let command = "printf '%s|%s|%s\\n' \"$1\" \"$2\" \"$SCALETOP_EPISODE\" >> '\(record)'"
        let process = try RunningProcess(["report", dir.path, "--json", "--follow", "--interval", "0.02", "--on-alert", command])
        func status(_ line: String) -> String? {
            ((try? JSONLines.parse(line))?["runs"] as? [[String: Any]])?.first?["status"] as? String
        }
        #expect(process.waitForNextLine { status($0) == "running" } != nil)
        var written = 20
        while written < lines.count {
            let next = min(lines.count, written + 25)
            try dir.append("lr3e-2.jsonl", lines[written..<next].map { $0 + "\n" }.joined())
            written = next
            usleep(60_000)
        }
        #expect(process.waitForLine(timeout: 20) { status($0) == "finished" } != nil)
        usleep(300_000)
        #expect(process.stop() == 0)
        let alerts = ((try? String(contentsOf: dir.file("alerts.txt"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        #expect(alerts.count == 1, "\(alerts)")
        #expect(alerts.first?.hasPrefix("lr3e-2|diverged|diverged ") == true)
    }
}
