import Foundation
import ScaleTopCore

/// Ingest throughput of the formats other than JSONL, through scaletop's whole read path
/// (tailer, framing, decoder, sweep, envelope), page-cached, beside each format's own reader:
/// - one long TensorBoard file in tensorboardX's layout (`--steps` steps, three scalars a
///   step, a histogram every 200 to 2,000 steps) beside TensorBoard's `EventFileLoader`, and a
///   `metrics.csv` of as many rows beside pandas' `read_csv`, on the same files;
/// - the shared TensorBoard and W&B fixtures (and a short generated `metrics.csv`), each
///   folder read `--copies` times by a fresh reader, one after the other because the W&B
///   copies would all feed the same named runs. W&B has no reader outside its own service.
///
/// The peers run in the Python given by `--python` or `SCALETOP_BENCH_PYTHON` (default
/// `python3`); a peer whose package is missing is reported as missing. `EventFileLoader`
/// without TensorFlow reads records in pure Python and takes minutes, so it runs once.
struct FormatsBenchmark {
    var data = "../shared/data"
    var directory = "/tmp/scaletop-bench-formats"
    var copies = 200
    var repeats = 3
    var steps = 200_000
    var python = ProcessInfo.processInfo.environment["SCALETOP_BENCH_PYTHON"] ?? "python3"


    func run() throws {
        print("formats: page-cached, best of \(repeats); scaletop's whole read path beside each format's own reader")
        try runLongFiles()
        try runFixtures()
    }

    // MARK: - One long file per format, beside its peer

    static let eventFileLoader = """
        import sys, time, logging, warnings
        warnings.filterwarnings("ignore")
        logging.disable(logging.WARNING)
        from tensorboard.backend.event_processing.event_file_loader import EventFileLoader
        start = time.perf_counter()
        scalars = 0
        for event in EventFileLoader(sys.argv[1]).Load():
            for value in event.summary.value:
                if value.HasField("simple_value"):
                    scalars += 1
        print(time.perf_counter() - start)
        """

    static let pandasReadCSV = """
        import sys, time
        import pandas
        start = time.perf_counter()
        frame = pandas.read_csv(sys.argv[1])
        rows = len(frame["train_loss"])
        print(time.perf_counter() - start)
        """

    private func runLongFiles() throws {
        let fm = FileManager.default
        let cache = "\(directory)-long"
        let events = "\(cache)/tensorboard/run/events.out.tfevents.1795456008.bench"
        let eventBytes = try TensorBoardXLog.ensure(path: events, steps: steps)
        let csv = "\(cache)/csv/run/metrics.csv"
        try fm.createDirectory(atPath: "\(cache)/csv/run", withIntermediateDirectories: true)
        var text = "epoch,step,train_loss,val_loss,lr\n"
        for step in 1...steps { text += "\(step / 1000),\(step),\(3 + 1 / Double(step)),\(step % 100 == 0 ? "3.1" : ""),0.0003\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        let csvBytes = text.utf8.count

        print("  one long file each (\(steps) steps):")
        let eventSeconds = try readOnce(root: "\(cache)/tensorboard")
        let loader = peer(module: "tensorboard", "EventFileLoader", repeats: 1) { try PeerProcess.pythonTimed(Self.eventFileLoader, [events], python: python) }
        printRow("tensorboard", "tensorboardX layout", bytes: eventBytes, records: eventSeconds.records, seconds: eventSeconds.seconds, peer: loader)
        let csvSeconds = try readOnce(root: "\(cache)/csv")
        let pandas = peer(module: "pandas", "pandas.read_csv", repeats: repeats) { try PeerProcess.pythonTimed(Self.pandasReadCSV, [csv], python: python) }
        printRow("csv", "metrics.csv", bytes: csvBytes, records: csvSeconds.records, seconds: csvSeconds.seconds, peer: pandas)
    }

    /// Best of `repeats` one-shot reads of everything under `root`.
    private func readOnce(root: String) throws -> (seconds: Double, records: Int) {
        try warm(root: root)
        var best = Double.infinity
        var records = 0
        for _ in 0..<repeats {
            let start = MonotonicClock.now()
            var configuration = SweepReader.Configuration()
            configuration.tailer.oneShot = true
            let reader = SweepReader(roots: [.directory(root)], configuration: configuration)
            reader.poll(now: 0)
            records = reader.sweep.lineCounts.read
            best = min(best, MonotonicClock.now() - start)
        }
        return (best, records)
    }

    /// The peer's best time, or why there is none.
    private func peer(module: String, _ name: String, repeats: Int, _ body: () throws -> Double) -> (name: String, result: Result<Double, Error>) {
        guard PeerProcess.pythonHas(module: module, python: python) else {
            return (name, .failure(BenchError.peerFailed("missing: no Python module \(module) in \(python) (pip install \(module))")))
        }
        return (name, Result { try PeerProcess.best(repeats, body) })
    }

    private func printRow(
        _ format: String, _ what: String, bytes: Int, records: Int, seconds: Double, peer: (name: String, result: Result<Double, Error>)? = nil
    ) {
        let mb = Double(bytes) / 1e6
        var line = "    \(format.padding(toLength: 12, withPad: " ", startingAt: 0)) \(what.padding(toLength: 20, withPad: " ", startingAt: 0))"
        line += String(format: " %7.1f MB  scaletop %8.3f s %8.1f MB/s %10.0f records/s", mb, seconds, mb / seconds, Double(records) / seconds)
        if let peer {
            switch peer.result {
            case let .success(peerSeconds):
                line += String(format: "   %@ %8.3f s %7.2f MB/s", peer.name, peerSeconds, mb / peerSeconds)
            case let .failure(BenchError.peerFailed(message)):
                line += "   \(peer.name): \(message)"
            case let .failure(error):
                line += "   \(peer.name): \(error)"
            }
        }
        print(line)
    }

    // MARK: - The shared fixtures, many copies

    private func runFixtures() throws {
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
        print("  the shared fixtures (and a 20,000-row metrics.csv), each folder read \(copies) times:")
        for (format, files) in sources + [("csv", [])] {
            let root = "\(directory)/\(format)"
            try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
            if files.isEmpty { try Data(csv.utf8).write(to: URL(fileURLWithPath: "\(root)/metrics.csv")) }
            for (j, file) in files.enumerated() {
                try fm.createDirectory(atPath: "\(root)/\(j)", withIntermediateDirectories: true)
                try fm.copyItem(atPath: file.path, toPath: "\(root)/\(j)/\(file.lastPathComponent)")
            }
            let bytes = try warm(root: root)
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
            let what = format == "wandb" ? "fixtures (no peer)" : "fixtures"
            printRow(format, what, bytes: bytes * copies, records: records, seconds: best)
        }
    }

    /// Reads the log files under `root` once, so that they are page-cached; returns their size.
    @discardableResult
    private func warm(root: String) throws -> Int {
        let fm = FileManager.default
        var bytes = 0
        for path in fm.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] where LogFormat.fromName(path) != nil {
            bytes += try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(path)")).count
        }
        return bytes
    }
}
