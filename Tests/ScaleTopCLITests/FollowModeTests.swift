import Foundation
import ScaleTopTestSupport
import Testing

/// `report --json --follow`: the headless live mode that alerting scripts read.
@Suite struct FollowModeTests {
    func object(_ line: String) -> [String: Any]? { try? JSONLines.parse(line) }

    func points(_ line: String, _ run: String) -> Int? {
        let runs = object(line)?["runs"] as? [[String: Any]]
        return runs?.first { $0["name"] as? String == run }?["points"] as? Int
    }

    @Test(arguments: [false, true]) func printsAgainOnEveryChangeAndExitsCleanly(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"params\": 1e6}\n{\"tokens\": 1e6, \"loss\": 5.0}\n")
        let process = try RunningProcess(["report", dir.path, "--json", "--follow", "--interval", "0.05"] + (polling ? ["--poll"] : []))
        let first = try #require(process.waitForLine { _ in true })
        #expect(!first.contains("\n"))
        #expect(points(first, "a") == 1)

        try dir.append("a.jsonl", "{\"tokens\": 2e6, \"loss\": 4.0}\n{\"tokens\": 3e6, \"lo")
        #expect(process.waitForLine { self.points($0, "a") == 2 } != nil)
        try dir.append("a.jsonl", "ss\": 3.0}\n")
        #expect(process.waitForLine { self.points($0, "a") == 3 } != nil)

        // A new file appears.
        try dir.write("b.jsonl", "{\"params\": 2e6}\n{\"tokens\": 1e6, \"loss\": 4.5}\n")
        #expect(process.waitForLine { self.points($0, "b") == 1 } != nil)

        // Truncation, then rotation: the run always equals its file.
        try dir.write("a.jsonl", "{\"params\": 1e6}\n{\"tokens\": 1e6, \"loss\": 6.0}\n")
        #expect(process.waitForLine { self.points($0, "a") == 1 } != nil)
        try FileManager.default.moveItem(at: dir.file("b.jsonl"), to: dir.file("b.jsonl.1"))
        try dir.write("b.jsonl", "{\"params\": 2e6}\n{\"tokens\": 1e6, \"loss\": 4.4}\n{\"tokens\": 2e6, \"loss\": 4.3}\n")
        let rotated = try #require(process.waitForLine { self.points($0, "b") == 2 })
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
}
