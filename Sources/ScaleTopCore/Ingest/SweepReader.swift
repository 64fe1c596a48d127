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
        /// Threads that scan a large read (nil: one per core, at most 8).
        public var scanThreads: Int?
        /// How a large read is divided among the scanning threads.
        var batchSizes = LineBatch.Sizes()

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
        let catalog = KeyCatalog(lossKey: configuration.lossKey)
        ingest = Ingest(
            scanner: LineScanner(catalog: catalog), trainerState: TrainerStateDecoder(catalog: catalog),
            batch: LineBatch(
                catalog: catalog, workers: configuration.scanThreads ?? LineBatch.processorCount, sizes: configuration.batchSizes))
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
        ingest.drainBatch()
        sweep = ingest.sweep
        ingest.sweep = Sweep()
        sweep.rebuildEnvelopeIfNeeded()
        return sweep.revision != before
    }

    /// Applies tailer output to the sweep.
    struct Ingest: TailSink {
        var scanner: LineScanner
        /// JSONL lines being scanned together while earlier ones are applied; every other event
        /// drains it first, so the sweep sees everything in the order the tailer found it.
        var batch: LineBatch
        var sweep = Sweep()
        /// The sweep's source id of each tailer file (tailer files are numbered 0, 1, 2...;
        /// -1 before discovery). An array: it is looked up on every line.
        var sourceIDs: [Int] = []
        var notices: [String] = []
        /// The reader's clock at this poll.
        var now: Double = 0
        /// Per-file readers of the formats that keep state between records (indexed by file;
        /// nil for JSONL).
        var decoders: [FormatDecoder?] = []
        /// Documents read whole: one decoder serves them all.
        var trainerState: TrainerStateDecoder
        /// `trainer_state.json` entries already added, per run (rewrites and checkpoint copies
        /// repeat them).
        var documentEntriesSeen: [String: Set<UInt64>] = [:]
        var runNameOfFile: [Int: String] = [:]
        /// JSONL files whose header has not been looked at for a schedule yet, and their paths.
        var scheduleHeaderPending: [Int: String] = [:]

        init(scanner: LineScanner, trainerState: TrainerStateDecoder, batch: LineBatch) {
            self.scanner = scanner
            self.trainerState = trainerState
            self.batch = batch
        }

        enum FormatDecoder {
            case csv(CSVRecordDecoder)
            case tensorBoard(TensorBoardEventDecoder)
            case wandb(WandbRecordDecoder)
            case document

            init?(_ format: LogFormat, catalog: KeyCatalog) {
                switch format {
                case .jsonLines: return nil
                case .csv: self = .csv(CSVRecordDecoder(catalog: catalog))
                case .tensorBoard: self = .tensorBoard(TensorBoardEventDecoder(catalog: catalog))
                case .wandb: self = .wandb(WandbRecordDecoder(catalog: catalog))
                case .trainerState: self = .document
                }
            }
        }

        mutating func tailerDiscovered(file: Int, path: String, runName: String, format: LogFormat) {
            drainBatch()
            while sourceIDs.count <= file { sourceIDs.append(-1) }
            sourceIDs[file] = sweep.addSource(path: path, defaultRunName: runName)
            runNameOfFile[file] = runName
            while decoders.count <= file { decoders.append(nil) }
            decoders[file] = FormatDecoder(format, catalog: scanner.catalog)
            guard path != "-" else { return }
            if format == .jsonLines {
                scheduleHeaderPending[file] = path
                readScheduleHeader(file)
            }
            switch SidecarMeta.load(LogPaths.sidecarPath(for: path), catalog: scanner.catalog) {
            case let .success(meta)?: sweep.setSidecarMeta(meta, forRun: runName)
            case let .failure(failure)?: notices.append(failure.description)
            case nil: break
            }
        }

        mutating func tailerWillRead(file: Int, modifiedSecondsAgo: Double) {
            // The clock of the lines that follow: set in order with them, without stopping the
            // scanning threads at every file.
            let clock = now - modifiedSecondsAgo
            if batch.isEmpty { sweep.clock = clock } else { batch.setClock(clock) }
        }

        mutating func tailerLine(_ line: UnsafeRawBufferPointer, file: Int) {
            guard batch.threads > 1 else {
                let outcome = scanner.scan(line)
                sweep.ingest(outcome, scanner.record, source: sourceIDs[file])
                return
            }
            batch.append(line, file: file)
            if batch.isFull { batch.rotate(into: &sweep, sources: sourceIDs) }
        }

        mutating func drainBatch() {
            if !batch.isEmpty { batch.drain(into: &sweep, sources: sourceIDs) }
        }

        mutating func tailerRecord(_ bytes: UnsafeRawBufferPointer, file: Int) {
            drainBatch()
            let source = sourceIDs[file]
            guard file < decoders.count, var decoder = decoders[file] else {
                tailerLine(bytes, file: file)
                return
            }
            decoders[file] = nil  // decoded in place, not copied
            switch decoder {
            case var .csv(csv):
                let outcome = csv.decode(bytes)
                sweep.ingest(outcome, csv.record, source: source)
                decoder = .csv(csv)
            case var .tensorBoard(events):
                if !events.decode(bytes, emit: { sweep.ingest(.record, $0, source: source) }) {
                    sweep.countBad(.undecodable, source: source)
                }
                decoder = .tensorBoard(events)
            case var .wandb(records):
                switch records.decode(bytes) {
                case .record: sweep.ingest(.record, records.record, source: source)
                case .ignored: break
                case .undecodable: sweep.countBad(.undecodable, source: source)
                }
                decoder = .wandb(records)
            case .document:
                break
            }
            decoders[file] = decoder
        }

        mutating func tailerBadRecord(_ kind: BadLineKind, file: Int) {
            drainBatch()
            sweep.countBad(kind, source: sourceIDs[file])
        }

        mutating func tailerDocument(_ document: UnsafeRawBufferPointer, file: Int) {
            drainBatch()
            let source = sourceIDs[file]
            let run = runNameOfFile[file] ?? ""
            var seen = documentEntriesSeen[run] ?? []
            documentEntriesSeen[run] = nil
            let outcome = trainerState.decode(document, seen: &seen) { sweep.ingest(.record, $0, source: source) }
            documentEntriesSeen[run] = seen
            if case let .bad(kind) = outcome { sweep.countBad(kind, source: source) }
        }

        /// Looks for a declared schedule once the file has its first line.
        mutating func readScheduleHeader(_ file: Int) {
            guard let path = scheduleHeaderPending[file], let name = runNameOfFile[file],
                  let header = ScheduleHeaderReader.read(logPath: path, defaultRunName: name) else { return }
            scheduleHeaderPending[file] = nil
            guard let outcome = header.outcome else { return }
            drainBatch()
            sweep.setSchedule(outcome, forRun: header.run)
            if case let .failure(failure) = outcome {
                notices.append("\(TextSanitizer.clean(header.run)): learning-rate schedule not used: \(failure.message)")
            }
        }

        mutating func tailerCaughtUp(file: Int, final: Bool) {
            if scheduleHeaderPending[file] != nil { readScheduleHeader(file) }
            guard file < decoders.count, case var .tensorBoard(events) = decoders[file] else { return }
            drainBatch()
            decoders[file] = nil
            let source = sourceIDs[file]
            events.flush { sweep.ingest(.record, $0, source: source) }
            decoders[file] = .tensorBoard(events)
        }

        mutating func tailerOverlongLine(file: Int) {
            drainBatch()
            sweep.countBad(.tooLong, source: sourceIDs[file])
        }

        mutating func tailerReset(file: Int) -> Set<Int> {
            drainBatch()
            let source = sourceIDs[file]
            let sources = sweep.dropContent(of: [source])
            // Sources and tailer files are numbered alike except for the mapping kept here.
            var files = Set<Int>()
            for (f, s) in sourceIDs.enumerated() where s >= 0 && sources.contains(s) && f != file { files.insert(f) }
            // Every file read again starts its decoder afresh.
            for f in files.union([file]) {
                forgetDecoderState(f)
            }
            return files
        }

        private mutating func forgetDecoderState(_ f: Int) {
            if let run = runNameOfFile[f] { documentEntriesSeen[run] = nil }
            guard f < decoders.count, let decoder = decoders[f] else { return }
            switch decoder {
            case var .csv(csv): csv.reset(); decoders[f] = .csv(csv)
            case var .tensorBoard(events): events.reset(); decoders[f] = .tensorBoard(events)
            case .wandb, .document: break
            }
        }

        mutating func tailerError(_ message: String?, file: Int) {
            drainBatch()
            sweep.setError(message, source: sourceIDs[file])
        }
    }
}
