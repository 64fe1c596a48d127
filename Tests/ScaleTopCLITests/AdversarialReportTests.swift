import Foundation
import ScaleTopTestSupport
import Testing

/// `scaletop report` against files written to break it: it exits 0, counts what it skipped
/// under its kind, and reads everything else.
@Suite struct AdversarialReportTests {
    func badKinds(_ json: [String: Any], _ suffix: String) -> [String: Any]? {
        let file = (json["files"] as? [[String: Any]])?.first { ($0["path"] as? String)?.hasSuffix(suffix) == true }
        return file?["bad_kinds"] as? [String: Any]
    }

    @Test(arguments: [UInt64.max, (1 << 63) - 1] as [UInt64])
    func aTensorBoardLengthNearTwoToThe64IsOneBadRecord(length: UInt64) throws {
        let dir = try TemporaryDirectory()
        try dir.write("big/events.out.tfevents.1", bytes: BinaryLogBytes.tfRecordHeader(length: length) + [UInt8](repeating: 7, count: 64))
        try dir.write("ok.jsonl", "{\"step\": 1, \"loss\": 2.5}\n")
        let outcome = try ScaleTopProcess.run(["report", dir.path, "--json"], timeout: 60)
        #expect(outcome.status == 0, "\(outcome.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(badKinds(json, "events.out.tfevents.1")?["record too long"] as? Int == 1)
        #expect((json["runs"] as? [[String: Any]])?.contains { $0["name"] as? String == "ok" } == true)
    }

    /// A file name that is not UTF-8, given on the command line: read, and named escaped.
    @Test func aFileNamedInBytesThatAreNotUTF8IsRead() throws {
        let dir = try TemporaryDirectory()
        let script = "printf '{\"step\": 1, \"loss\": 2.5}\\n' > \"$1/$(printf 'r\\377.jsonl')\" && exec \"$0\" report \"$1/$(printf 'r\\377.jsonl')\" --json"
        let outcome = try ChildProcess.run("/bin/sh", ["-c", script, ScaleTopProcess.executable.path, dir.path], timeout: 60)
        #expect(outcome.status == 0, "\(String(decoding: outcome.error, as: UTF8.self))")
        let json = try #require(try JSONSerialization.jsonObject(with: outcome.output) as? [String: Any])
        let runs = json["runs"] as? [[String: Any]] ?? []
        #expect(runs.map { $0["name"] as? String } == ["r\\xff"])
        #expect(runs.first?["points"] as? Int == 1)
    }
}
