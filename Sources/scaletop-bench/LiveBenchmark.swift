import Foundation
import ScaleTopCore
import ScaleTopProcess

/// The live view as a user meets it, in a real terminal (tmux, 120×40): time to the first frame
/// on a sweep of `--runs` files and `--size` MB (peer: the same read without drawing,
/// `scaletop report --json`), CPU while idle (peer: `tail -F` on the same files), bytes sent to
/// the terminal per idle frame, and the delay from an appended line to `report --follow` output
/// (peer: `tail -F`).
struct LiveBenchmark {
    var megabytes = 256
    var runs = 200
    var directory = "/tmp/scaletop-bench-live"
    var idleSeconds = 30
    /// `--trickle yes`: only the steady-state case (`TrickleBenchmark`).
    var trickle: TrickleBenchmark?


    func run() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { throw BenchError.peerFailed("tmux is not installed") }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("scaletop").path
        if let trickle { return try trickle.run(binary: binary) }
        let paths = try TypicalLog.ensure(directory: directory, megabytes: megabytes, files: runs)
        for path in paths { _ = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped).count }
        print("live: \(runs) runs, \(megabytes) MB, page-cached, tmux 120x40, release build")

        // The same read and analysis without a terminal.
        let reportStart = MonotonicClock.now()
        let report = try ProcessSpawn.spawn(binary, ["report", directory, "--json"], environment: Self.environment)
        let reportStatus = Self.waitForExit(report, timeout: 300)
        let reportSeconds = MonotonicClock.now() - reportStart
        guard reportStatus == 0 else { throw BenchError.peerFailed("scaletop report exited \(reportStatus.map(String.init) ?? "late")") }
        // The read alone (every core, no fit, no drawing): what the issue calls the same ingest
        // without drawing.
        var ingestSeconds = Double.infinity
        for _ in 0..<2 {
            var configuration = SweepReader.Configuration()
            configuration.tailer.oneShot = true
            let start = MonotonicClock.now()
            let reader = SweepReader(roots: [.directory(directory)], configuration: configuration)
            reader.poll(now: 0)
            ingestSeconds = min(ingestSeconds, MonotonicClock.now() - start)
        }

        let session = "scaletop-bench-\(getpid())"
        let bytesFile = "/tmp/\(session).bytes"
        try? FileManager.default.removeItem(atPath: bytesFile)
        defer {
            _ = try? Self.tmux(["kill-session", "-t", session])
            try? FileManager.default.removeItem(atPath: bytesFile)
        }
        let start = MonotonicClock.now()
        try Self.tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                       "env LANG=C.UTF-8 '\(binary)' '\(directory)' --target 1e22; sleep 30"])
        try Self.tmux(["pipe-pane", "-t", session, "-o", "cat >> '\(bytesFile)'"])
        // The first frame with curves on it (a large sweep then fills in), then all of it.
        guard let firstPlot = Self.waitForScreen(session, timeout: 120, { $0.contains(" runs ") && $0.contains("1e1") && $0.contains("⠀") == false && $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }) else {
            throw BenchError.peerFailed("no first frame within 120 s")
        }
        guard let firstFrame = Self.waitForScreen(session, timeout: 120, { $0.contains("runs \(runs)") && $0.contains("1e1") }) else {
            throw BenchError.peerFailed("not every run on screen within 120 s")
        }
        let firstFrameSeconds = firstFrame - start
        guard let fitted = Self.waitForScreen(session, timeout: 300, { $0.contains("α") }) else {
            throw BenchError.peerFailed("no fit on screen within 300 s")
        }
        let fitSeconds = fitted - start
        print(String(format: "  first frame with curves             %7.3f s   (then it fills in)", firstPlot - start))
        print(String(format: "  every run on screen                 %7.3f s   (the read alone: %.3f s, so the view adds %.0f%%; report --json, read and every fit: %.3f s)",
                     firstFrameSeconds, ingestSeconds, max(0, firstFrameSeconds / ingestSeconds - 1) * 100, reportSeconds))
        print(String(format: "  fit on screen                       %7.3f s", fitSeconds))

        // Idle: nothing changes; the age label still ticks once a second. First let the
        // background work (band, parametric fit) finish: wait for a quiet second.
        let pid = try Self.panePid(session)
        Self.waitUntilQuiet(pid)
        // The first minute after the last change: the age label counts seconds.
        let early = Self.idle(pid, bytesFile, seconds: min(20, idleSeconds))
        // Later the label counts minutes, and the view wakes once a minute.
        let resume = firstFrame + 62
        if MonotonicClock.now() < resume { usleep(useconds_t((resume - MonotonicClock.now()) * 1e6)) }
        let late = Self.idle(pid, bytesFile, seconds: idleSeconds)

        let tail = try ProcessSpawn.spawn("/usr/bin/tail", ["-q", "-F", "-n", "0"] + paths, environment: Self.environment)
        sleep(2)
        let peer = Self.idle(tail, nil, seconds: idleSeconds)
        kill(tail, SIGTERM)
        _ = Self.waitForExit(tail, timeout: 5)
        print(String(format: "  idle CPU, first minute (1 tick/s)   %7.3f %% of a core over %.0f s, %.0f bytes a second to the terminal",
                     early.cpu * 100, early.seconds, early.bytesPerSecond))
        print(String(format: "  idle CPU, later (1 tick/min)        %7.3f %% of a core over %.0f s, %.0f bytes a second   (tail -F on the same files: %.3f %%; target < 0.1 %%)",
                     late.cpu * 100, late.seconds, late.bytesPerSecond, peer.cpu * 100))

        try followLatency(binary)
    }

    /// An appended line → the next `report --follow` line, against `tail -F` seeing the line.
    func followLatency(_ binary: String) throws {
        let dir = directory + "-follow"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/a.jsonl", out = dir + "/follow.out", tailOut = dir + "/tail.out"
        try Data("{\"params\": 1e8}\n{\"tokens\": 1e6, \"loss\": 5}\n".utf8).write(to: URL(fileURLWithPath: log))
        let follow = try ProcessSpawn.spawn(binary, ["report", dir, "--json", "--follow", "--interval", "0.01"], environment: Self.environment, output: out)
        let tail = try ProcessSpawn.spawn("/usr/bin/tail", ["-F", "-n", "0", log], environment: Self.environment, output: tailOut)
        defer {
            for pid in [follow, tail] {
                kill(pid, SIGTERM)
                _ = Self.waitForExit(pid, timeout: 5)
            }
        }
        _ = Self.waitUntil(timeout: 10) { Self.size(out) > 0 }
        sleep(1)
        var ours: [Double] = [], peer: [Double] = []
        for i in 0..<20 {
            let outBefore = Self.size(out), tailBefore = Self.size(tailOut)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            handle.seekToEndOfFile()
            let written = MonotonicClock.now()
            handle.write(Data("{\"tokens\": \(2 + i)e6, \"loss\": \(4.9 - Double(i) * 0.01)}\n".utf8))
            try handle.close()
            // Both watched at once, each noted when it first shows the line.
            var oursSeen: Double?, peerSeen: Double?
            _ = Self.waitUntil(timeout: 5) {
                let now = MonotonicClock.now()
                if oursSeen == nil, Self.size(out) > outBefore { oursSeen = now }
                if peerSeen == nil, Self.size(tailOut) > tailBefore { peerSeen = now }
                return oursSeen != nil && peerSeen != nil
            }
            if let oursSeen { ours.append(oursSeen - written) }
            if let peerSeen { peer.append(peerSeen - written) }
            usleep(100_000)
        }
        func median(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.sorted()[values.count / 2] }
        print(String(format: "  appended line → report --follow     %7.1f ms median of %d   (tail -F: %.1f ms; target < 500 ms)",
                     median(ours) * 1000, ours.count, median(peer) * 1000))
    }

    /// CPU share of a core and bytes a second written to `bytesFile` over `seconds`.
    static func idle(_ pid: pid_t, _ bytesFile: String?, seconds: Int) -> (cpu: Double, bytesPerSecond: Double, seconds: Double) {
        let cpu0 = cpuSeconds(pid), threads0 = threadRuntimes(pid), bytes0 = bytesFile.map(size) ?? 0, t0 = MonotonicClock.now()
        sleep(UInt32(seconds))
        let cpu1 = cpuSeconds(pid), threads1 = threadRuntimes(pid), bytes1 = bytesFile.map(size) ?? 0, t1 = MonotonicClock.now()
        // Per-thread run time is in nanoseconds (the process's own figure counts 10 ms ticks,
        // too coarse for 0.1 % of 20 s). A thread that ended meanwhile is a dispatch worker let
        // go for being idle, so it adds nothing; a new one adds all it ran.
        var cpu = cpu1 - cpu0
        if !threads0.isEmpty, !threads1.isEmpty {
            cpu = threads1.reduce(0) { $0 + $1.value - (threads0[$1.key] ?? 0) }
        }
        return (cpu / (t1 - t0), Double(bytes1 - bytes0) / (t1 - t0), t1 - t0)
    }

    /// Waits (up to two minutes) for a second in which `pid` used under 2 ms of CPU (a thread
    /// that ended makes the sum drop: not yet quiet).
    static func waitUntilQuiet(_ pid: pid_t) {
        func runtime() -> Double { threadRuntimes(pid).values.reduce(0, +) }
        var settled = runtime()
        for _ in 0..<120 {
            sleep(1)
            let now = runtime()
            defer { settled = now }
            if now - settled >= 0, now - settled < 0.002 { return }
        }
    }

    /// Seconds each thread of `pid` has run, from `/proc/PID/task/TID/schedstat`.
    static func threadRuntimes(_ pid: pid_t) -> [Int: Double] {
        var result: [Int: Double] = [:]
        for tid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? [] {
            guard let id = Int(tid), let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/schedstat", encoding: .utf8),
                  let first = text.split(separator: " ").first, let nanoseconds = Double(first) else { continue }
            result[id] = nanoseconds / 1e9
        }
        return result
    }

    static var environment: [String] {
        ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let out = "/tmp/scaletop-bench-tmux-\(getpid()).out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let pid = try ProcessSpawn.spawn("/usr/bin/tmux", arguments, environment: environment, output: out)
        guard waitForExit(pid, timeout: 20) != nil else { throw BenchError.peerFailed("tmux \(arguments.first ?? "") hung") }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    static func waitForExit(_ pid: pid_t, timeout: Double) -> Int32? {
        var status: Int32?
        _ = waitUntil(timeout: timeout) {
            status = ProcessSpawn.reap(pid)
            return status != nil
        }
        return status
    }

    /// Polls every 1 ms; the time the condition first held, or nil.
    static func waitUntil(timeout: Double, _ condition: () -> Bool) -> Double? {
        let deadline = MonotonicClock.now() + timeout
        while MonotonicClock.now() < deadline {
            if condition() { return MonotonicClock.now() }
            usleep(1_000)
        }
        return nil
    }

    /// Looks at the screen every 50 ms (so the figures are that coarse): each look spawns tmux,
    /// which costs CPU that the view, reading on both cores, would otherwise have; looking every
    /// millisecond slowed the view of a 1 GB sweep by about a quarter.
    static func waitForScreen(_ session: String, timeout: Double, _ condition: (String) -> Bool) -> Double? {
        let deadline = MonotonicClock.now() + timeout
        while MonotonicClock.now() < deadline {
            if condition((try? tmux(["capture-pane", "-p", "-t", session])) ?? "") { return MonotonicClock.now() }
            usleep(50_000)
        }
        return nil
    }

    /// scaletop's pid: the child of the pane's shell.
    static func panePid(_ session: String) throws -> pid_t {
        let shell = Int32(try tmux(["list-panes", "-t", session, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        guard let child = children.split(separator: " ").compactMap({ Int32($0) }).first else {
            throw BenchError.peerFailed("cannot find scaletop's pid")
        }
        return child
    }

    /// User + system CPU seconds of a process, threads that ended included, from /proc/PID/stat
    /// (clock ticks: 10 ms, so idle windows should be tens of seconds long).
    static func cpuSeconds(_ pid: pid_t) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return .nan }
        // After the command: state, ppid, ... utime is field 14 and stime 15 of proc(5).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
