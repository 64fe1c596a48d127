import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// Connections that drop (the master connection killed) or hang (sshd stopped with SIGSTOP)
/// while logs grow: every line arrives once, in order, and the other host keeps updating.
@Suite(.tags(.slow), .enabled(if: LocalSSHServer.isAvailable, "needs OpenSSH's sshd, ssh and ssh-keygen (scripts/install-deps.sh installs them)"))
struct RemoteFaultTests {
    /// Keeps every line by file, and counts resets.
    struct LineRecorder: TailSink {
        var pathOf: [Int: String] = [:]
        var lines: [String: [String]] = [:]
        var resets = 0
        var bad = 0
        mutating func tailerDiscovered(file: Int, path: String, runName: String, format: LogFormat) { pathOf[file] = path }
        mutating func tailerWillRead(file: Int, modifiedSecondsAgo: Double) {}
        mutating func tailerLine(_ line: UnsafeRawBufferPointer, file: Int) {
            lines[pathOf[file]!, default: []].append(String(decoding: line, as: UTF8.self))
        }
        mutating func tailerRecord(_ record: UnsafeRawBufferPointer, file: Int) {}
        mutating func tailerBadRecord(_ kind: BadLineKind, file: Int) { bad += 1 }
        mutating func tailerDocument(_ document: UnsafeRawBufferPointer, file: Int) {}
        mutating func tailerCaughtUp(file: Int, final: Bool) {}
        mutating func tailerOverlongLine(file: Int) { bad += 1 }
        mutating func tailerReset(file: Int) -> Set<Int> {
            resets += 1
            return []
        }
        mutating func tailerError(_ message: String?, file: Int) {}
    }

    @Test func tenForcedDropsLoseAndRepeatNothing() throws {
        let a = try LocalSSHServer(host: "scaletop-a"), b = try LocalSSHServer(host: "scaletop-b")
        let both = try TemporaryDirectory()
        try "Include \(a.configPath)\nInclude \(b.configPath)\n".write(toFile: both.file("ssh_config").path, atomically: true, encoding: .utf8)
        let config = both.file("ssh_config").path
        let logs = try TemporaryDirectory()
        var options = LogTailer.Options()
        options.sshCommand = "ssh -F \(config) -o ServerAliveInterval=1 -o ServerAliveCountMax=2 -o ConnectTimeout=3"
        options.pollInterval = 0.2
        let roots: [WatchRoot] = [
            .remote(RemotePath(destination: "scaletop-a", port: nil, path: logs.file("a").path)),
            .remote(RemotePath(destination: "scaletop-b", port: nil, path: logs.file("b").path)),
        ]
        let tailer = LogTailer(roots: roots, options: options)
        var sink = LineRecorder()
        var written: [String: Int] = ["a": 0, "b": 0]
        let pathA = "scaletop-a:\(logs.file("a").path)/log.jsonl", pathB = "scaletop-b:\(logs.file("b").path)/log.jsonl"
        func append(_ which: String, _ count: Int) throws {
            var text = ""
            for _ in 0..<count {
                text += "{\"file\": \"\(which)\", \"n\": \(written[which]!)}\n"
                written[which]! += 1
            }
            try logs.append("\(which)/log.jsonl", text)
        }
        func pollUntil(timeout: Double, writing: Bool = true, _ condition: () -> Bool) throws -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if writing {
                    try append("a", 3)
                    try append("b", 1)
                }
                tailer.poll(into: &sink, now: MonotonicClock.now())
                if condition() { return true }
                usleep(50_000)
            }
            return false
        }
        try append("a", 10)
        try append("b", 10)
        #expect(try pollUntil(timeout: 20) { sink.lines[pathA]?.isEmpty == false && sink.lines[pathB]?.isEmpty == false })
        var outages = 0
        for drop in 0..<10 {
            let killing = drop % 2 == 0
            var killed = 0
            if killing {
                killed = LocalSSHServer.killMasterConnection(controlPath: tailer.remote.hosts[0].controlPath)
            } else {
                a.freeze()
            }
            let seenDown = try pollUntil(timeout: 20) { tailer.remoteNotices.contains { $0.hasPrefix("scaletop-a unreachable") } }
            #expect(seenDown, "drop \(drop), \(killed) killed")
            #expect(!killing || killed == 1, "drop \(drop)")
            if seenDown { outages += 1 }
            // The other host keeps updating while this one is down.
            let bBefore = sink.lines[pathB]?.count ?? 0
            #expect(try pollUntil(timeout: 10) { (sink.lines[pathB]?.count ?? 0) > bBefore }, "drop \(drop)")
            if !killing { a.thaw() }
            // Up again and reading on.
            let aBefore = sink.lines[pathA]?.count ?? 0
            #expect(try pollUntil(timeout: 20) { tailer.remoteNotices.isEmpty && (sink.lines[pathA]?.count ?? 0) > aBefore }, "drop \(drop)")
        }
        #expect(outages == 10)
        #expect(try pollUntil(timeout: 30, writing: false) { sink.lines[pathA]?.count == written["a"] && sink.lines[pathB]?.count == written["b"] })
        for (path, which) in [(pathA, "a"), (pathB, "b")] {
            let expected = (0..<written[which]!).map { "{\"file\": \"\(which)\", \"n\": \($0)}" }
            #expect(sink.lines[path] == expected, "\(which): \(sink.lines[path]?.count ?? 0) lines of \(written[which]!)")
        }
        #expect(sink.resets == 0 && sink.bad == 0)
    }
}
