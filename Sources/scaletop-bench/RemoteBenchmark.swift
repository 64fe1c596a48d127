import Foundation
import ScaleTopCore
import ScaleTopProcess

/// Logs on another host, through a private sshd on loopback: a large JSONL file read through
/// ssh (the bytes alone, and the whole read into a sweep) beside `ssh host cat FILE >/dev/null`
/// on the same file in the same run; the delay from an appended line to `report --follow`
/// output; and how long after the host comes back the reading goes on.
struct RemoteBenchmark {
    var megabytes: Int
    var directory: String
    var repeats: Int

    /// Counts what the tailer hands over: the transport and the framing, nothing else.
    struct CountingSink: TailSink {
        var lines = 0
        var bytes = 0
        mutating func tailerDiscovered(file: Int, path: String, runName: String, format: LogFormat) {}
        mutating func tailerWillRead(file: Int, modifiedSecondsAgo: Double) {}
        mutating func tailerLine(_ line: UnsafeRawBufferPointer, file: Int) {
            lines += 1
            bytes += line.count + 1
        }
        mutating func tailerRecord(_ record: UnsafeRawBufferPointer, file: Int) {}
        mutating func tailerBadRecord(_ kind: BadLineKind, file: Int) {}
        mutating func tailerDocument(_ document: UnsafeRawBufferPointer, file: Int) {}
        mutating func tailerCaughtUp(file: Int, final: Bool) {}
        mutating func tailerOverlongLine(file: Int) {}
        mutating func tailerReset(file: Int) -> Set<Int> { [] }
        mutating func tailerError(_ message: String?, file: Int) {}
    }

    func run() throws {
        let server = try LoopbackSSHServer()
        let host = LoopbackSSHServer.host
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("scaletop").path
        let file = try TypicalLog.ensure(directory: directory, megabytes: megabytes, files: 1)[0]
        let size = Double((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        print(String(format: "remote: %.0f MB of JSONL through ssh to 127.0.0.1 (sshd on port %d), best of %d", size / 1e6, server.port, repeats))

        let peer = try PeerProcess.best(repeats) {
            try PeerProcess.time("/usr/bin/ssh", ["-F", server.configPath, "-o", "BatchMode=yes", host, "cat", file])
        }
        var options = LogTailer.Options()
        options.oneShot = true
        options.sshCommand = server.sshCommand
        let root = WatchRoot.remote(RemotePath(destination: host, port: nil, path: file))
        var lines = 0
        let transport = PeerProcess.best(repeats) {
            let start = MonotonicClock.now()
            let tailer = LogTailer(roots: [root], options: options)
            var sink = CountingSink()
            tailer.poll(into: &sink, now: MonotonicClock.now())
            tailer.flushPartialLines(into: &sink)
            lines = sink.lines
            return MonotonicClock.now() - start
        }
        var configuration = SweepReader.Configuration()
        configuration.tailer = options
        var runs = 0
        let whole = PeerProcess.best(repeats) {
            let start = MonotonicClock.now()
            let reader = SweepReader(roots: [root], configuration: configuration)
            reader.poll(now: MonotonicClock.now())
            runs = reader.sweep.runs.count
            return MonotonicClock.now() - start
        }
        var localConfiguration = SweepReader.Configuration()
        localConfiguration.tailer.oneShot = true
        let local = PeerProcess.best(repeats) {
            let start = MonotonicClock.now()
            let reader = SweepReader(roots: [.file(file)], configuration: localConfiguration)
            reader.poll(now: MonotonicClock.now())
            return MonotonicClock.now() - start
        }
        func rate(_ seconds: Double) -> Double { size / seconds / 1e6 }
        print(String(format: "  ssh host cat FILE >/dev/null (peer) %7.2f s  %6.0f MB/s", peer, rate(peer)))
        print(String(format: "  remote bytes, framed into lines     %7.2f s  %6.0f MB/s  %.2f× the peer  (%d lines; target ≥ 0.5×)",
                     transport, rate(transport), peer / transport, lines))
        print(String(format: "  remote, read into a sweep           %7.2f s  %6.0f MB/s  %.2f× the peer  (%d run)",
                     whole, rate(whole), peer / whole, runs))
        print(String(format: "  the same file read locally          %7.2f s  %6.0f MB/s", local, rate(local)))

        try followAndReconnect(binary: binary, server: server)
    }

    /// `report --json --follow` on a folder of the host: an appended line's delay to the output,
    /// then the host stopped (sshd and its connections killed) and started again: the time from
    /// its return to the output showing a line appended while it was away.
    func followAndReconnect(binary: String, server: LoopbackSSHServer) throws {
        let dir = directory + "-follow"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/a.jsonl", out = dir + "/follow.out"
        try Data("{\"params\": 1e8}\n{\"tokens\": 1e6, \"loss\": 5}\n".utf8).write(to: URL(fileURLWithPath: log))
        let environment = ProcessSpawn.inheritedEnvironment.filter { !$0.hasPrefix("SCALETOP_SSH=") } + ["SCALETOP_SSH=\(server.sshCommand)"]
        let follow = try ProcessSpawn.spawn(binary, ["report", "\(LoopbackSSHServer.host):\(dir)", "--json", "--follow", "--interval", "0.01"],
                                            environment: environment, output: out)
        defer {
            kill(follow, SIGTERM)
            _ = LiveBenchmark.waitForExit(follow, timeout: 5)
        }
        _ = LiveBenchmark.waitUntil(timeout: 20) { LiveBenchmark.size(out) > 0 }
        sleep(1)
        var step = 2
        func append() throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            handle.seekToEndOfFile()
            handle.write(Data("{\"tokens\": \(step)e6, \"loss\": \(5 - Double(step) * 0.001)}\n".utf8))
            try handle.close()
            step += 1
        }
        /// Seconds from `since` until the output holds `points` points (nil: not within 30 s).
        func seen(points: Int, since: Double) -> Double? {
            let needle = "\"points\":\(points),"
            return LiveBenchmark.waitUntil(timeout: 30) {
                guard let text = try? String(contentsOfFile: out, encoding: .utf8) else { return false }
                return text.split(separator: "\n").last?.contains(needle) == true
            }.map { $0 - since }
        }
        var delays: [Double] = []
        for _ in 0..<20 {
            try append()
            if let delay = seen(points: step - 1, since: MonotonicClock.now()) { delays.append(delay) }
            usleep(100_000)
        }
        let sorted = delays.sorted()
        print(String(format: "  appended line → report --follow     %7.0f ms median, %.0f ms worst of %d   (target < 1000 ms)",
                     (sorted.isEmpty ? .nan : sorted[sorted.count / 2]) * 1000, (sorted.last ?? .nan) * 1000, sorted.count))
        var reconnects: [Double] = []
        for _ in 0..<3 {
            server.stop()
            // Long enough for the back-off to reach its longest wait.
            sleep(8)
            try append()
            // From the moment sshd is started (its start-up counts against us).
            let back = MonotonicClock.now()
            try server.start()
            if let delay = seen(points: step - 1, since: back) { reconnects.append(delay) }
        }
        print(String(format: "  host back → its new line in --follow %6.2f s worst of %d (%@)   (target < 5 s)",
                     reconnects.max() ?? .nan, reconnects.count, reconnects.map { String(format: "%.2f", $0) }.joined(separator: ", ")))
    }
}
