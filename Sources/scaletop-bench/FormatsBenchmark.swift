import Foundation
import ScaleTopCore

/// Ingest throughput of the formats other than JSONL: the shared TensorBoard and W&B fixtures
/// (and a generated `metrics.csv`), page-cached, each read `--copies` times by a fresh reader
/// through scaletop's whole read path (tailer, framing, decoder, sweep, envelope). Copies are
/// read one after the other because the W&B copies would all feed the same named runs.
struct FormatsBenchmark {
    var data = "../shared/data"
    var directory = "/tmp/scaletop-bench-formats"
    var copies = 200
    var repeats = 3


    func run() throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        var sources: [(format: String, files: [URL])] = []
        for (format, folder) in [("tensorboard", "tensorboard"), ("wandb", "wandb-offline")] {
            guard let walker = fm.enumerator(atPath: "\(data)/\(folder)") else { throw BenchError.usage("no \(data)/\(folder)") }
            let files = walker.compactMap { $0 as? String }.filter { LogFormat.fromName($0) != nil }
            sources.append((format, files.map { URL(fileURLWithPath: "\(data)/\(folder)/\($0)") }))
        }
        var csv = "epoch,step,train_loss,val_loss,lr\n"
        for step in 1...20_000 { csv += "\(step / 1000),\(step),\(3 + 1 / Double(step)),\(step % 100 == 0 ? "3.1" : ""),0.0003\n" }
        print("formats: each fixture folder read \(copies) times, page-cached; best of \(repeats)")
        for (format, files) in sources + [("csv", [])] {
            let root = "\(directory)/\(format)"
            for k in 0..<1 {
                let dir = "\(root)/r\(k)"
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
                if files.isEmpty { try Data(csv.utf8).write(to: URL(fileURLWithPath: "\(dir)/metrics.csv")) }
                for (j, file) in files.enumerated() {
                    try fm.createDirectory(atPath: "\(dir)/\(j)", withIntermediateDirectories: true)
                    try fm.copyItem(atPath: file.path, toPath: "\(dir)/\(j)/\(file.lastPathComponent)")
                }
            }
            var bytes = 0
            for path in fm.enumerator(atPath: root)!.compactMap({ $0 as? String }) {
                let full = "\(root)/\(path)"
                if let size = try? fm.attributesOfItem(atPath: full)[.size] as? Int, LogFormat.fromName(path) != nil {
                    bytes += size
                    _ = try Data(contentsOf: URL(fileURLWithPath: full)).count
                }
            }
            var best = Double.infinity
            var records = 0
            for _ in 0..<repeats {
                let start = MonotonicClock.now()
                records = 0
                for _ in 0..<copies {
                    var configuration = SweepReader.Configuration()
                    configuration.tailer.oneShot = true
                    let reader = SweepReader(roots: [.directory(root)], configuration: configuration)
                    reader.poll(now: 0)
                    records += reader.sweep.lineCounts.read
                }
                best = min(best, MonotonicClock.now() - start)
            }
            let mb = Double(bytes * copies) / 1e6
            print("  \(format.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(format: "%7.1f MB  %8.3f s  %8.1f MB/s  %9.0f records/s", mb, best, mb / best, Double(records) / best))")
        }
    }
}
