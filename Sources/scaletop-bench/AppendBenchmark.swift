import Foundation
import ScaleTopCore
import ScaleTopProcess

/// "Append rate kept up with": a writer appends typical lines (8 keys, ~190 bytes)
/// to K files as fast as it can (or at `--rate`) for `--seconds`, while
/// `scaletop report DIR --json --follow` reads them; its progress is the `lines.read` of each
/// report it prints. The peer, on the same files in the same run: `tail -F` piped to `wc -l`,
/// its progress read from its file offsets in /proc. Printed: the writer's rate, what each
/// reader took in while the writer ran, how far behind it was when the writer stopped and how
/// long it then took to catch up, and scaletop's CPU and peak RSS.
struct AppendBenchmark {
    var fileCounts = [1, 16]
    var seconds = 10.0
    var writeKB = 64
    /// Lines per second the writer is paced at (the target); 0: as fast as it can (the ceiling).
    var rate = 1e6
    var maxMB = 4096
    var interval = "0.05"
    var directory = "/tmp/scaletop-bench-append"
    var peer = true
    var lineWrites = true


    func run() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("scaletop").path
        let batch = max(1, writeKB * 1024 / AppendWriter.lineLength)
        var load = [Double](repeating: 0, count: 3)
        _ = getloadavg(&load, 3)
        print(String(format: "append: typical lines (8 keys, %d bytes), %@ for %.0f s (at most %d MB), release build, %d cores, load %.2f",
                     AppendWriter.lineLength, rate > 0 ? "paced at \(Self.grouped(rate)) lines/s" : "writer as fast as it can",
                     seconds, maxMB, ProcessInfo.processInfo.activeProcessorCount, load[0]))
        print("  ours: scaletop report DIR --json --follow --interval \(interval); peer: tail -q -F -n +1 FILES | wc -l, on the same files at the same time")
        var cases = fileCounts.map { ($0, batch) }
        if lineWrites { cases.append((fileCounts.first ?? 1, 1)) }
        var verdicts: [Bool?] = []
        for (files, linesPerWrite) in cases {
            verdicts.append(try runCase(binary, files: files, linesPerWrite: linesPerWrite))
        }
        let tested = verdicts.compactMap { $0 }
        let verdict = rate <= 0 || rate < 1e6 || tested.isEmpty
            ? "not tested (no writer paced at ≥ 1M lines/s; a run as fast as it can shows the ceiling)"
            : (tested.allSatisfy { $0 } ? "met" : "not met") + " in the \(tested.count) cases whose writer reached 1M lines/s"
        print("  target: a writer at ≥ 1,000,000 lines/s kept up with (ours at most 1 s of writing behind when it stops, then caught up): " + verdict)
    }

    struct Sample {
        var time: Double
        var ours: Int
        var peer: Int
        var reports: Int
    }

    /// One writer configuration; returns whether ours kept up with ≥ 1M lines/s (nil: the
    /// writer itself stayed below that).
    func runCase(_ binary: String, files: Int, linesPerWrite: Int) throws -> Bool? {
        let dir = "\(directory)/\(files)x\(linesPerWrite)"
        let fm = FileManager.default
        try? fm.removeItem(atPath: dir)
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: dir) }
        let work = "\(directory)/\(files)x\(linesPerWrite).work"
        try? fm.removeItem(atPath: work)
        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: work) }
        let paths = (0..<files).map { AppendWriter.path(dir, $0) }
        for (k, path) in paths.enumerated() { try Data(AppendWriter.header(k).utf8).write(to: URL(fileURLWithPath: path)) }

        let environment = LiveBenchmark.environment
        let followOut = FollowOutput(path: "\(work)/follow.out")
        let follow = try ProcessSpawn.spawn(binary, ["report", dir, "--json", "--follow", "--interval", interval],
                                            environment: environment, output: followOut.path, error: "\(work)/follow.err")
        var tail: PeerTail?
        defer {
            kill(follow, SIGTERM)
            _ = LiveBenchmark.waitForExit(follow, timeout: 5)
            if let tail { tail.stop() }
        }
        guard LiveBenchmark.waitUntil(timeout: 30, { followOut.update(); return followOut.read == files }) != nil else {
            throw BenchError.peerFailed("scaletop report --follow did not print the headers")
        }
        if peer {
            tail = try PeerTail(paths: paths, work: work)
            guard LiveBenchmark.waitUntil(timeout: 30, { tail!.lines() == files }) != nil else {
                throw BenchError.peerFailed("tail -F did not read the headers")
            }
        }

        let writerOut = "\(work)/writer.out"
        let writer = try ProcessSpawn.spawn(
            CommandLine.arguments[0],
            ["append-writer", dir, "\(files)", "\(seconds)", "\(linesPerWrite)", "\(rate)", "\(maxMB * 1_000_000)"],
            environment: environment, output: writerOut, error: "\(work)/writer.err")
        let cpuStart = LiveBenchmark.cpuSeconds(follow), peerCPUStart = tail?.cpuSeconds() ?? 0
        var samples: [Sample] = []
        var writerDone = false
        var total = Int.max
        var oursDone: Double?, peerDone: Double?
        var cpuDone = Double.nan, peerCPUDone = Double.nan
        var deadline = Double.infinity
        while true {
            followOut.update()
            let now = MonotonicClock.now()
            let sample = Sample(time: now, ours: followOut.read, peer: tail?.lines() ?? 0, reports: followOut.reports)
            samples.append(sample)
            if !writerDone, let status = ProcessSpawn.reap(writer) {
                guard status == 0 else { throw BenchError.peerFailed("the writer exited \(status)") }
                writerDone = true
                total = paths.enumerated().reduce(0) { $0 + AppendWriter.lines(file: $1.offset, size: LiveBenchmark.size($1.element)) }
                deadline = now + 180
            }
            if writerDone {
                if oursDone == nil, sample.ours >= total { oursDone = now; cpuDone = LiveBenchmark.cpuSeconds(follow) }
                if peerDone == nil, tail == nil || sample.peer >= total { peerDone = now; peerCPUDone = tail?.cpuSeconds() ?? 0 }
                if (oursDone != nil && peerDone != nil) || now > deadline { break }
            }
            usleep(10_000)
        }
        let fields = ((try? String(contentsOfFile: writerOut, encoding: .utf8)) ?? "").split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 4, let written = fields[0], let bytes = fields[1], let start = fields[2], let end = fields[3] else {
            throw BenchError.peerFailed("the writer printed no result")
        }
        if oursDone == nil { cpuDone = LiveBenchmark.cpuSeconds(follow) }

        kill(follow, SIGTERM)
        var usage = rusage()
        var followStatus: Int32?
        _ = LiveBenchmark.waitUntil(timeout: 10) {
            followStatus = ProcessSpawn.reap(follow, usage: &usage)
            return followStatus != nil
        }
        var peerCount: Int?
        if let t = tail {
            peerCount = t.stop()
            tail = nil
        }

        let writeSeconds = end - start
        let atEnd = samples.last { $0.time <= end } ?? samples[0]
        let writerRate = written / writeSeconds
        let header = linesPerWrite == 1 ? "\(files) file\(files == 1 ? "" : "s"), one line a write(2)"
            : "\(files) file\(files == 1 ? "" : "s"), \(linesPerWrite) lines (\(linesPerWrite * AppendWriter.lineLength / 1024) KB) a write(2)"
        print("  \(header):")
        print(String(format: "    writer      %@ lines in %.2f s = %@ lines/s (%.0f MB/s)",
                     Self.grouped(written), writeSeconds, Self.grouped(writerRate), bytes / writeSeconds / 1e6))
        func line(_ name: String, _ atEndLines: Int, _ done: Double?, _ cpu: Double) -> Double {
            let took = Double(atEndLines - files) / writeSeconds
            let behind = total - atEndLines
            let catchUp = done.map { String(format: "caught up %.2f s later", $0 - end) } ?? "not caught up within 180 s"
            // What it can keep up with: all the lines over the time it needed to read them.
            let sustained = done.map { written / ($0 - start) } ?? took
            // Per CPU-second: what it could take in with a core of its own (the machine is shared).
            let perCPU = done.map { written / (cpu * ($0 - start)) } ?? .nan
            print(String(format: "    %@ took in %@ lines/s while writing; %@ lines (%.2f s of writing) behind at the end, %@; %@ lines/s overall; CPU %.0f%% of a core (%@ lines per CPU-second)",
                         name, Self.grouped(took), Self.grouped(Double(behind)), Double(behind) / writerRate, catchUp,
                         Self.grouped(sustained), cpu * 100, Self.grouped(perCPU)))
            return sustained
        }
        let oursCPU = (cpuDone - cpuStart) / ((oursDone ?? MonotonicClock.now()) - start)
        _ = line("scaletop ", atEnd.ours, oursDone, oursCPU)
        let reports = followOut.reports
        print(String(format: "                %d reports printed (%d while the writer ran; %.1f MB), peak RSS %.1f MB%@",
                     reports, atEnd.reports - 1, Double(followOut.offset) / 1e6, Double(usage.ru_maxrss) / 1024,
                     followStatus == 0 ? "" : ", exit status \(followStatus.map(String.init) ?? "late")"))
        if peer {
            let peerCPU = (peerCPUDone - peerCPUStart) / ((peerDone ?? MonotonicClock.now()) - start)
            _ = line("tail -F   ", atEnd.peer, peerDone, peerCPU)
            if let peerCount, peerCount != total {
                print("                (wc -l counted \(peerCount) of \(total) lines)")
            }
        }
        let behindSeconds = Double(total - atEnd.ours) / writerRate
        // Kept up: the writer really wrote ≥ 1M lines/s (pacing may run a little short), and ours
        // was at most 1 s of writing behind when it stopped, and then caught up.
        // A writer that could not reach the target rate (a system call per line) says nothing.
        guard writerRate >= 0.99e6 else { return nil }
        return oursDone != nil && behindSeconds <= 1
    }

    static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        var digits = String(Int(value.rounded()))
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }
}

/// `report --follow` output as it grows: the number of reports and the `lines.read` of the
/// last one (it comes near the start of each line, so only a prefix of each is kept).
final class FollowOutput {
    let path: String
    private(set) var offset = 0
    private(set) var read = 0
    private(set) var reports = 0
    private var prefix: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private static let needle = Array("\"lines\":{\"read\":".utf8)

    init(path: String) { self.path = path }

    func update() {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            guard n > 0 else { return }
            offset += n
            for byte in buffer[0..<n] {
                if byte == 10 {
                    reports += 1
                    if let value = Self.value(prefix) { read = value }
                    prefix.removeAll(keepingCapacity: true)
                } else if prefix.count < 256 {
                    prefix.append(byte)
                }
            }
        }
    }

    private static func value(_ line: [UInt8]) -> Int? {
        guard line.count >= needle.count else { return nil }
        for i in 0...(line.count - needle.count) where line[i..<(i + needle.count)].elementsEqual(needle) {
            var v = 0, j = i + needle.count
            while j < line.count, (48...57).contains(line[j]) {
                v = v * 10 + Int(line[j] - 48)
                j += 1
            }
            return v
        }
        return nil
    }
}

/// The peer: `tail -q -F -n +1 FILES | wc -l`, under a shell. Its progress is the read offset
/// of each file in tail's /proc/PID/fdinfo.
final class PeerTail {
    let shell: pid_t
    let tail: pid_t
    let count: pid_t?
    let paths: [String]
    let countOut: String
    private var descriptors: [Int: String] = [:]

    init(paths: [String], work: String) throws {
        self.paths = paths
        countOut = "\(work)/wc.out"
        let quoted = paths.map { "'\($0)'" }.joined(separator: " ")
        let shell = try ProcessSpawn.spawn("/bin/sh", ["-c", "/usr/bin/tail -q -F -n +1 \(quoted) | /usr/bin/wc -l > '\(countOut)'"],
                                       environment: LiveBenchmark.environment)
        self.shell = shell
        var found: [pid_t] = []
        _ = LiveBenchmark.waitUntil(timeout: 10) {
            let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            found = children.split(separator: " ").compactMap { pid_t($0) }
            return found.contains { Self.command($0) == "tail" } && found.contains { Self.command($0) == "wc" }
        }
        guard let tail = found.first(where: { Self.command($0) == "tail" }) else {
            kill(shell, SIGTERM)
            throw BenchError.peerFailed("tail did not start")
        }
        self.tail = tail
        count = found.first { Self.command($0) == "wc" }
    }

    static func command(_ pid: pid_t) -> String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Lines tail has read so far (the files' lines are of known lengths).
    func lines() -> Int {
        if descriptors.count < paths.count {
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(tail)/fd")) ?? []
            for name in fds {
                guard let fd = Int(name), descriptors[fd] == nil,
                      let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(tail)/fd/\(name)"),
                      paths.contains(target) else { continue }
                descriptors[fd] = target
            }
        }
        var total = 0
        for (fd, path) in descriptors {
            guard let info = try? String(contentsOfFile: "/proc/\(tail)/fdinfo/\(fd)", encoding: .utf8),
                  let line = info.split(separator: "\n").first(where: { $0.hasPrefix("pos:") }),
                  let pos = Int(line.dropFirst(4).trimmingCharacters(in: .whitespaces)),
                  let k = paths.firstIndex(of: path) else { continue }
            total += AppendWriter.lines(file: k, size: pos)
        }
        return total
    }

    /// CPU seconds of tail and wc.
    func cpuSeconds() -> Double {
        LiveBenchmark.cpuSeconds(tail) + (count.map(LiveBenchmark.cpuSeconds) ?? 0)
    }

    /// Ends tail; returns what wc counted.
    @discardableResult
    func stop() -> Int? {
        kill(tail, SIGTERM)
        guard LiveBenchmark.waitForExit(shell, timeout: 10) != nil else {
            kill(shell, SIGKILL)
            return nil
        }
        return Int(((try? String(contentsOfFile: countOut, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
