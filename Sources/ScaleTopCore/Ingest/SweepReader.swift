/// Reads logs into a `Sweep`: a `LogTailer` finds and follows the files, a `LineScanner`
/// reads each line, and the sweep takes the result. Also loads `NAME.meta.json` sidecars.
public final class SweepReader {
    public private(set) var sweep: Sweep
    public let tailer: LogTailer
    private var ingest: Ingest

    public struct Configuration: Sendable {
        public var lossKey: String?
        public var tailer = LogTailer.Options()
        public var pointCapacity = 8192
        /// `--tokens-per-step`: a fallback for runs that do not log it.
        public var tokensPerStep: Double?
        /// `--params NAME=N`: wins over anything logged.
        public var params: [String: Double] = [:]

        public init() {}
    }

    public init(roots: [WatchRoot], configuration: Configuration = Configuration()) {
        var commandLine: [String: RunMeta] = [:]
        for (name, n) in configuration.params { commandLine[name] = RunMeta(params: n) }
        sweep = Sweep(
            pointCapacity: configuration.pointCapacity,
            defaultMeta: RunMeta(tokensPerStep: configuration.tokensPerStep),
            commandLineMeta: commandLine)
        tailer = LogTailer(roots: roots, options: configuration.tailer)
        ingest = Ingest(scanner: LineScanner(catalog: KeyCatalog(lossKey: configuration.lossKey)))
    }

    /// Problems worth one line on screen: unreadable sidecars, why polling is used.
    public var notices: [String] { tailer.notices + ingest.notices }

    /// Reads what is new; returns true when the sweep changed.
    @discardableResult
    public func poll(now: Double) -> Bool {
        let before = sweep.revision
        ingest.sweep = sweep
        ingest.now = now
        sweep = Sweep()  // hand the only copy over, so appends do not copy the runs
        tailer.poll(into: &ingest, now: now)
        if tailer.options.oneShot { tailer.flushPartialLines(into: &ingest) }
        sweep = ingest.sweep
        ingest.sweep = Sweep()
        sweep.rebuildEnvelopeIfNeeded()
        return sweep.revision != before
    }

    /// Applies tailer output to the sweep.
    struct Ingest: TailSink {
        var scanner: LineScanner
        var sweep = Sweep()
        var sourceOfFile: [Int: Int] = [:]
        var notices: [String] = []
        /// The reader's clock at this poll.
        var now: Double = 0

        mutating func tailerDiscovered(file: Int, path: String, runName: String) {
            sourceOfFile[file] = sweep.addSource(path: path, defaultRunName: runName)
            guard path != "-" else { return }
            switch SidecarMeta.load(LogPaths.sidecarPath(for: path), catalog: scanner.catalog) {
            case let .success(meta)?: sweep.setSidecarMeta(meta, forRun: runName)
            case let .failure(failure)?: notices.append(failure.description)
            case nil: break
            }
        }

        mutating func tailerWillRead(file: Int, modifiedSecondsAgo: Double) {
            sweep.clock = now - modifiedSecondsAgo
        }

        mutating func tailerLine(_ line: UnsafeRawBufferPointer, file: Int) {
            let outcome = scanner.scan(line)
            sweep.ingest(outcome, scanner.record, source: sourceOfFile[file]!)
        }

        mutating func tailerOverlongLine(file: Int) {
            sweep.countBad(.tooLong, source: sourceOfFile[file]!)
        }

        mutating func tailerReset(file: Int) -> Set<Int> {
            let source = sourceOfFile[file]!
            let sources = sweep.dropContent(of: [source])
            // Sources and tailer files are numbered alike except for the mapping kept here.
            var files = Set<Int>()
            for (f, s) in sourceOfFile where sources.contains(s) && f != file { files.insert(f) }
            return files
        }

        mutating func tailerError(_ message: String?, file: Int) {
            sweep.setError(message, source: sourceOfFile[file]!)
        }
    }
}
