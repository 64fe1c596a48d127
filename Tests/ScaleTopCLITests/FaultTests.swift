import Foundation
import ScaleTopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Faults around the files: what cannot be read is reported and everything else goes on.
@Suite(.tags(.slow)) struct FaultTests {
    /// Tests run as root, whom chmod does not stop; the report runs as `nobody` instead.
    static let setpriv = "/usr/bin/setpriv"
    static let canDropPrivileges = getuid() == 0 && FileManager.default.isExecutableFile(atPath: setpriv)

    func reportAsNobody(_ path: String) throws -> (Int32, [String: Any]?, String) {
        let outcome = try ChildProcess.run(
            Self.setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", "--", ScaleTopProcess.executable.path, "report", path, "--json"],
            timeout: 120)
        return (outcome.status, try? JSONSerialization.jsonObject(with: outcome.output) as? [String: Any], String(decoding: outcome.error, as: UTF8.self))
    }

    func file(_ json: [String: Any]?, _ name: String) -> [String: Any]? {
        (json?["files"] as? [[String: Any]])?.first { ($0["path"] as? String)?.hasSuffix("/" + name) == true }
    }

    func points(_ json: [String: Any]?, _ run: String) -> Int? {
        (json?["runs"] as? [[String: Any]])?.first { $0["name"] as? String == run }?["points"] as? Int
    }

    @Test(.enabled(if: canDropPrivileges, "needs root and setpriv to run the report as another user (chmod does not deny root)"))
    func permissionDeniedOnAFileIsShownAndOthersContinue() throws {
        let dir = try TemporaryDirectory()
        try dir.write("good.jsonl", "{\"loss\": 3.0}\n{\"loss\": 2.0}\n")
        try dir.write("secret.jsonl", "{\"loss\": 1.0}\n")
        #expect(chmod(dir.file("secret.jsonl").path, 0) == 0)
        let (status, json, error) = try reportAsNobody(dir.path)
        #expect(status == 0, "\(error)")
        let secret = try #require(file(json, "secret.jsonl"))
        let message = try #require(secret["error"] as? String)
        #expect(message.lowercased().contains("permission denied"), "\(message)")
        #expect(file(json, "good.jsonl")?["error"] is NSNull)
        #expect(points(json, "good") == 2)
        #expect(points(json, "secret") == nil)
    }

    @Test(.enabled(if: canDropPrivileges, "needs root and setpriv to run the report as another user (chmod does not deny root)"))
    func unreadableDirectoryIsANoticeAndOthersContinue() throws {
        let dir = try TemporaryDirectory()
        try dir.write("good.jsonl", "{\"loss\": 3.0}\n")
        try dir.write("locked/inside.jsonl", "{\"loss\": 1.0}\n")
        #expect(chmod(dir.file("locked").path, 0) == 0)
        defer { chmod(dir.file("locked").path, 0o755) }
        let (status, json, error) = try reportAsNobody(dir.path)
        #expect(status == 0, "\(error)")
        #expect(points(json, "good") == 1)
        let notices = try #require(json?["notices"] as? [String])
        #expect(notices.contains { $0.contains("locked") && $0.lowercased().contains("permission denied") }, "\(notices)")
    }

    /// `report | head` and a reader that is gone before we write: status 0, nothing on stderr.
    @Test(arguments: ["head -c 10 >/dev/null", "true"]) func closedPipeExitsZeroQuietly(reader: String) throws {
        let data = SharedData.data("sweep-li2025").path
        let binary = ScaleTopProcess.executable.path
        let script = "'\(binary)' report '\(data)' --json | \(reader); echo \"status ${PIPESTATUS[0]}\""
        let outcome = try ChildProcess.run("/bin/bash", ["-c", script], timeout: 120)
        let output = String(decoding: outcome.output, as: UTF8.self)
        #expect(output.contains("status 0"), "\(output)")
        #expect(outcome.error.isEmpty, "\(String(decoding: outcome.error, as: UTF8.self))")
    }

    @Test func invalidSidecarNamesTheFileAndLine() throws {
        let dir = try TemporaryDirectory()
        try dir.write("d12.jsonl", "{\"tokens\": 1e9, \"loss\": 3.0}\n")
        try dir.write("d12.meta.json", "{\n  \"params\": 1.24e8,\n  \"total_tokens\": 1e9,,\n}\n")
        let outcome = try ScaleTopProcess.run(["report", dir.path, "--json"])
        #expect(outcome.status == 0)
        let json = try JSONLines.parse(outcome.output)
        let notices = try #require(json["notices"] as? [String])
        #expect(notices.contains(dir.file("d12.meta.json").path + ": line 3: invalid JSON"), "\(notices)")
        // The log is still read, without the sidecar's description.
        #expect(points(json, "d12") == 1)
    }
}
