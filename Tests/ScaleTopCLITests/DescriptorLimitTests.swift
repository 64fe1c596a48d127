import Foundation
import ScaleTopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Many more log files than the descriptor limit allows open at once (`ulimit -n`): every run
/// is read, by `report`, `--follow` and the live view.
@Suite(.tags(.slow)) struct DescriptorLimitTests {
    static let files = 2000
    static let limit = 64

    /// A folder of `files` one-line logs.
    static func folder() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "scaletop-fds")
        for k in 0..<files {
            try dir.write(String(format: "r%05d.jsonl", k), "{\"step\": 1, \"tokens\": 1e6, \"loss\": \(2.0 + Double(k) / 1e4)}\n")
        }
        return dir
    }

    /// `sh -c 'ulimit -n LIMIT; exec scaletop ARGS'`.
    static func limited(_ arguments: [String]) -> [String] {
        ["/bin/sh", "-c", "ulimit -n \(limit) && exec \"$@\"", "sh", ScaleTopProcess.executable.path] + arguments
    }

    func check(_ json: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect((json["runs"] as? [Any])?.count == Self.files, sourceLocation: sourceLocation)
        let errors = (json["files"] as? [[String: Any]] ?? []).compactMap { $0["error"] as? String }
        #expect(errors.isEmpty, "\(errors.prefix(3))", sourceLocation: sourceLocation)
    }

    @Test func reportReadsEveryFile() throws {
        let dir = try Self.folder()
        let command = Self.limited(["report", dir.path, "--json"])
        let outcome = try ChildProcess.run(command[0], Array(command.dropFirst()), timeout: 300)
        #expect(outcome.status == 0, "\(String(decoding: outcome.error, as: UTF8.self))")
        check(try #require(try JSONSerialization.jsonObject(with: outcome.output) as? [String: Any]))
    }

    @Test func followReadsEveryFile() throws {
        let dir = try Self.folder()
        let out = dir.file("follow.out").path
        let command = Self.limited(["report", dir.path, "--json", "--follow"])
        let process = try ChildProcess(command[0], Array(command.dropFirst()), output: out)
        let deadline = Date().addingTimeInterval(120)
        var first: String?
        while first == nil && Date() < deadline {
            let text = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data(), as: UTF8.self)
            if let newline = text.firstIndex(of: "\n") { first = String(text[..<newline]) } else { usleep(100_000) }
        }
        process.signal(SIGTERM)
        _ = process.wait(timeout: 30)
        check(try JSONLines.parse(try #require(first)))
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"))
    func theLiveViewReadsEveryFile() throws {
        let dir = try Self.folder()
        let session = try TmuxSession(command: Self.limited([dir.path]), environment: ["LANG": "C.UTF-8"])
        let screen = session.waitFor(timeout: 120) { $0.contains("\(Self.files) runs") && !$0.contains("reading") }
        #expect(screen != nil, "\(session.screen())")
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }

    /// A limit too low for the runtime's own descriptors: a message and exit 1, not a crash.
    @Test func aLimitTooLowToStartIsSaidPlainly() throws {
        let data = SharedData.data("sweep-li2025").path
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "ulimit -n 4 && exec \"$@\"", "sh", ScaleTopProcess.executable.path, "report", data], timeout: 60)
        #expect(outcome.status == 1)
        #expect(String(decoding: outcome.error, as: UTF8.self).contains("needs at least 16 open files, and the limit (ulimit -n) is 4"))
    }

    /// A low soft limit under a higher hard one is raised, so the sweep is read.
    @Test func aLowSoftLimitIsRaisedToTheHardOne() throws {
        let data = SharedData.data("sweep-li2025").path
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "ulimit -S -n 4 && exec \"$@\"", "sh", ScaleTopProcess.executable.path, "report", data], timeout: 60)
        #expect(outcome.status == 0, "\(String(decoding: outcome.error, as: UTF8.self))")
        #expect(String(decoding: outcome.output, as: UTF8.self).contains("11 runs"))
    }
}

