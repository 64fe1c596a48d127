import Foundation
import ScaleTopCore

/// Ingest throughput on page-cached JSONL: scaletop's whole read path (tailer, scanner, sweep,
/// envelope) against a Python orjson loop that extracts (tokens, loss), and jq.
struct IngestBenchmark {
    var megabytes = 256
    var files = 16
    var directory = "/tmp/scaletop-bench-ingest"
    var repeats = 3
    /// For profiling: ours only, no stages and no peers.
    var oursOnly = false


    func run() throws {
        let paths = try TypicalLog.ensure(directory: directory, megabytes: megabytes, files: files)
        let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let mb = Double(bytes) / 1e6
        // Warm the page cache so every contender reads from memory.
        for path in paths { _ = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped).count }
        print("ingest: \(paths.count) files, \(String(format: "%.1f", mb)) MB, \(TypicalLog.keysPerLine) keys a line, page-cached; best of \(repeats)")

        // The whole read path, scanning on one thread and on every core.
        func read(threads: Int?) -> (seconds: Double, lines: Int) {
            var best = Double.infinity
            var lines = 0
            for _ in 0..<repeats {
                let start = MonotonicClock.now()
                var configuration = SweepReader.Configuration()
                configuration.tailer.oneShot = true
                configuration.scanThreads = threads
                let reader = SweepReader(roots: [.directory(directory)], configuration: configuration)
                reader.poll(now: 0)
                best = min(best, MonotonicClock.now() - start)
                lines = reader.sweep.lineCounts.read
            }
            return (best, lines)
        }
        let (single, lines) = read(threads: 1)
        let cores = LineBatch.processorCount
        let ours = cores > 1 ? read(threads: nil).seconds : single
        if oursOnly {
            print(String(format: "  scaletop (%d lines)  1 thread %.3f s  %.1f MB/s; %d threads %.3f s  %.1f MB/s", lines, single, mb / single, cores, ours, mb / ours))
            return
        }
        let orjson = try PeerProcess.best(repeats) {
            try PeerProcess.python(TypicalLog.orjsonLoop, paths)
        }
        let jq = try? PeerProcess.best(repeats) { try PeerProcess.jq(paths) }
        func row(_ name: String, _ seconds: Double?) -> String {
            guard let seconds, seconds.isFinite else { return "  \(name.padding(toLength: 42, withPad: " ", startingAt: 0))  not available" }
            let rate = mb / seconds
            return "  \(name.padding(toLength: 42, withPad: " ", startingAt: 0))  \(String(format: "%8.3f s  %8.1f MB/s  %6.2fx ours", seconds, rate, ours / seconds))"
        }
        for stage in IngestStages.measure(paths, repeats: repeats) { print(row(stage.name, stage.seconds)) }
        print(row("scaletop, scan on 1 thread (\(lines) lines)", single))
        if cores > 1 { print(row("scaletop, scan on \(cores) threads", ours)) }
        print(row("python orjson loop (tokens, loss)", orjson))
        print(row("jq -c '[.tokens,.loss]'", jq))
        if orjson.isFinite { print(String(format: "  ratio: scaletop is %.2fx orjson", orjson / ours)) }
    }
}

enum BenchError: Error { case usage(String), peerFailed(String) }
