import Foundation
import ScaleTopCore
import ScaleTopProcess

/// Peak memory of `scaletop report --json` against the size of what it reads (the peer here is
/// the file size itself): a sweep of `--runs` files at each of the `--sizes` (MB). Runs keep at
/// most 8192 points each, so peak RSS should stay flat as the logs grow.
struct MemoryBenchmark {
    var sizes = [256, 1024]
    var runs = 200
    var directory = "/tmp/scaletop-bench-memory"
    /// `--many-files N`: instead, N one-line logs in one folder (descriptors, per-file cost).
    var manyFiles = 0


    func run() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("scaletop").path
        if manyFiles > 0 {
            try runManyFiles(binary: binary)
            return
        }
        print("memory: scaletop report --json on \(runs) runs of typical JSONL (8 keys a line); peak RSS of the process")
        for megabytes in sizes {
            let dir = "\(directory)-\(megabytes)"
            let paths = try TypicalLog.ensure(directory: dir, megabytes: megabytes, files: runs)
            let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
            let start = MonotonicClock.now()
            let pid = try ProcessSpawn.spawn(binary, ["report", dir, "--json"], environment: LiveBenchmark.environment)
            guard let (status, maxRSS) = Self.waitWithUsage(pid, timeout: 1800), status == 0 else {
                throw BenchError.peerFailed("scaletop report on \(dir) failed")
            }
            let seconds = MonotonicClock.now() - start
            let rssMB = Double(maxRSS) / 1024
            print(String(format: "  %6.0f MB of logs: peak RSS %7.1f MB (%5.1f%% of the logs) in %6.1f s",
                         Double(bytes) / 1e6, rssMB, rssMB / (Double(bytes) / 1e6) * 100, seconds))
        }
        print("  target: peak RSS < 300 MB for a 10 GB sweep")
    }

    /// `report --json` on `manyFiles` one-line logs in one folder: time and peak RSS.
    func runManyFiles(binary: String) throws {
        let dir = "\(directory)-files-\(manyFiles)"
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: dir).count) ?? 0
        if existing != manyFiles {
            try? FileManager.default.removeItem(atPath: dir)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for k in 0..<manyFiles {
                let line = "{\"step\": 1, \"tokens\": 1e6, \"loss\": \(2.0 + Double(k) / Double(manyFiles))}\n"
                try Data(line.utf8).write(to: URL(fileURLWithPath: dir + "/r\(k).jsonl"))
            }
        }
        print("memory: scaletop report --json on \(manyFiles) one-line logs in one folder; peak RSS of the process")
        let start = MonotonicClock.now()
        let pid = try ProcessSpawn.spawn(binary, ["report", dir, "--json"], environment: LiveBenchmark.environment)
        guard let (status, maxRSS) = Self.waitWithUsage(pid, timeout: 1800), status == 0 else {
            throw BenchError.peerFailed("scaletop report on \(dir) failed")
        }
        print(String(format: "  %d files: peak RSS %7.1f MB in %6.1f s", manyFiles, Double(maxRSS) / 1024, MonotonicClock.now() - start))
        print("  target: 100,000 files in < 15 s and < 250 MB")
    }

    /// Exit status and peak RSS (KiB) of a child, polled without blocking; nil on timeout.
    static func waitWithUsage(_ pid: pid_t, timeout: Double) -> (Int32, Int)? {
        let deadline = MonotonicClock.now() + timeout
        var usage = rusage()
        while MonotonicClock.now() < deadline {
            if let status = ProcessSpawn.reap(pid, usage: &usage) {
                return status < 0 ? nil : (status, usage.ru_maxrss)
            }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        return nil
    }
}
