/// Reads logs into a `Sweep`: a `LogTailer` finds and follows the files, a `LineScanner`
/// reads each line, and the sweep takes the result. Also loads `NAME.meta.json` sidecars.
public final class SweepReader {
    public private(set) var sweep: Sweep
    public let tailer: LogTailer
    private var ingest: Ingest
    /// The tailer's `sidecarGeneration` when sidecars were last looked at.
    private var sidecarGenerationSeen = 0

    public struct Configuration: Sendable {
        public var lossKey: String?
        public var tailer = LogTailer.Options()
        public var pointCapacity = 8192
        /// `--tokens-per-step`: a fallback for runs that do not log it.
        public var tokensPerStep: Double?
        /// `--params NAME=N`, `--tokens-per-step NAME=N` (NAME a run name or a glob over run
        /// names): win over anything logged.
        public var overrides = RunOverrides()
        /// `--params NAME=N` with NAME a run name: wins over anything logged.
        public var params: [String: Double] = [:]
        /// Path arguments given as `NAME=path`: every run found under the path is in group NAME
        /// (and named `NAME/run`, so that equal file names in two groups stay two runs).
        public var groupedRoots: [GroupedRoot] = []
        /// Threads that scan a large read (nil: one per core, at most 8).
        public var scanThreads: Int?
        /// How a large read is divided among the scanning threads.
        var batchSizes = LineBatch.Sizes()

        public init() {}
    }

    public init(roots: [WatchRoot], configuration: Configuration = Configuration()) {
        var commandLine = RunOverrides()
        for (name, n) in configuration.params.sorted(by: { $0.key < $1.key }) {
            commandLine.append(.init(option: "--params \(name)=\(n)", pattern: name, meta: RunMeta(params: n)))
        }
        for entry in configuration.overrides.entries { commandLine.append(entry) }
        sweep = Sweep(
            pointCapacity: configuration.pointCapacity,
            defaultMeta: RunMeta(tokensPerStep: configuration.tokensPerStep),
            commandLineMeta: commandLine,
            lossKeyNames: configuration.lossKey.map { [$0] } ?? LogField.lossKeys)
        tailer = LogTailer(roots: roots, options: configuration.tailer)
        let catalog = KeyCatalog(lossKey: configuration.lossKey)
        ingest = Ingest(
            groupedRoots: configuration.groupedRoots,
            scanner: LineScanner(catalog: catalog), trainerState: TrainerStateDecoder(catalog: catalog),
            batch: LineBatch(
                catalog: catalog, workers: configuration.scanThreads ?? LineBatch.processorCount, sizes: configuration.batchSizes))
    }

    /// Problems worth one line on screen: unreadable sidecars, why polling is used.
    public var notices: [String] { tailer.notices + ingest.notices + tailer.remoteNotices }

    /// A sentence for each `--params`/`--tokens-per-step NAME=N` whose NAME matches no run.
    public var unmatchedOverrides: [String] {
        sweep.commandLineMeta.unmatchedMessages(sweep.runs.map(\.name))
    }

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
        if tailer.sidecarGeneration != sidecarGenerationSeen {
            sidecarGenerationSeen = tailer.sidecarGeneration
            ingest.reloadChangedSidecars()
        }
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
        /// Readers of the formats that keep state between records, one per such file (JSONL
        /// files have none, and a decoder is large: 100,000 JSONL files must not pay for one),
        /// kept by format so that each is decoded in place, never copied per record.
        var csvDecoders: [CSVRecordDecoder] = []
        var tensorBoardDecoders: [TensorBoardEventDecoder] = []
        var wandbDecoders: [WandbRecordDecoder] = []
        /// Each tailer file's decoder.
        var decoderSlots: [DecoderSlot] = []
        /// Documents read whole: one decoder serves them all.
        var trainerState: TrainerStateDecoder
        /// `trainer_state.json` entries already added, per run (rewrites and checkpoint copies
        /// repeat them).
        var documentEntriesSeen: [String: Set<UInt64>] = [:]
        var runNameOfFile: [Int: String] = [:]
        /// JSONL files whose header has not been looked at for a schedule yet, and their paths.
        var scheduleHeaderPending: [Int: String] = [:]

        /// `Configuration.groupedRoots`.
        let groupedRoots: [GroupedRoot]

        init(groupedRoots: [GroupedRoot] = [], scanner: LineScanner, trainerState: TrainerStateDecoder, batch: LineBatch) {
            self.groupedRoots = groupedRoots
            self.scanner = scanner
            self.trainerState = trainerState
            self.batch = batch
        }

        /// Which decoder array holds a file's decoder, and where (8 bytes a file).
        struct DecoderSlot {
            enum Kind: UInt8 { case none, csv, tensorBoard, wandb, document }
            var kind = Kind.none
            private var storedIndex: Int32 = 0
            var index: Int { Int(storedIndex) }

            init(kind: Kind = .none, index: Int = 0) {
                self.kind = kind
                storedIndex = Int32(index)
            }
        }

        mutating func makeDecoder(_ format: LogFormat) -> DecoderSlot {
            switch format {
            case .jsonLines:
                return DecoderSlot()
            case .csv:
                csvDecoders.append(CSVRecordDecoder(catalog: scanner.catalog))
                return DecoderSlot(kind: .csv, index: csvDecoders.count - 1)
            case .tensorBoard:
                tensorBoardDecoders.append(TensorBoardEventDecoder(catalog: scanner.catalog))
                return DecoderSlot(kind: .tensorBoard, index: tensorBoardDecoders.count - 1)
            case .wandb:
                wandbDecoders.append(WandbRecordDecoder(catalog: scanner.catalog))
                return DecoderSlot(kind: .wandb, index: wandbDecoders.count - 1)
            case .trainerState:
                return DecoderSlot(kind: .document)
            }
        }

        mutating func tailerWillDiscover(count: Int) {
            drainBatch()
            sweep.reserveSources(count)
            sourceIDs.reserveCapacity(sourceIDs.count + count)
            decoderSlots.reserveCapacity(decoderSlots.count + count)
            sidecars.reserveCapacity(sidecars.count + count)
            runNameOfFile.reserveCapacity(runNameOfFile.count + count)
        }

        mutating func tailerDiscovered(file: Int, path: String, runName fileRunName: String, format: LogFormat) {
            drainBatch()
            while sourceIDs.count <= file { sourceIDs.append(-1) }
            let group = groupedRoots.first { $0.contains(path) }?.group
            let runName = group.map { "\($0)/\(fileRunName)" } ?? fileRunName
            sourceIDs[file] = sweep.addSource(path: path, defaultRunName: runName, group: group)
            runNameOfFile[file] = runName
            while decoderSlots.count <= file { decoderSlots.append(DecoderSlot()) }
            decoderSlots[file] = makeDecoder(format)
            guard path != "-" else { return }
            if format == .jsonLines {
                scheduleHeaderPending[file] = path
                readScheduleHeader(file)
            }
            let sidecar = LogPaths.sidecarPath(for: path)
            sidecars.append(Sidecar(logPath: path, runName: runName, source: sourceIDs[file], stamp: Sidecar.stamp(of: sidecar)))
            loadSidecar(sidecar, runName: runName, source: sourceIDs[file])
        }

        /// A `NAME.meta.json` beside a log file, and the size and time it had when last read.
        struct Sidecar {
            /// The log's path (the string the tailer and the sweep hold already); the sidecar's
            /// own path is made from it when needed rather than kept for every file.
            let logPath: String
            let runName: String
            let source: Int
            var path: String { LogPaths.sidecarPath(for: logPath) }
            var stamp: FileStatus?

            static func stamp(of path: String) -> FileStatus? { try? FileStatus.of(path: path).get() }

            func changed(from new: FileStatus?) -> Bool {
                guard let stamp, let new else { return (stamp == nil) != (new == nil) }
                return stamp.size != new.size || stamp.modified != new.modified || stamp.inode != new.inode
            }
        }
        var sidecars: [Sidecar] = []

        /// Its description, and its `"group"` (whatever the log's format), which names the run.
        private mutating func loadSidecar(_ path: String, runName: String, source: Int) {
            applySidecar(SidecarMeta.load(path, catalog: scanner.catalog), group: { SidecarMeta.group(path) }, path: path, runName: runName, source: source)
        }

        /// A sidecar as read (nil: there is none): its group declared and its description given
        /// to the run its log names, or a notice saying why it cannot be used (the run is read
        /// all the same).
        private mutating func applySidecar(_ outcome: Result<RunMeta, SidecarMeta.Failure>?, group: () -> String?, path: String, runName: String, source: Int) {
            notices.removeAll { $0.hasPrefix(path + ":") }
            switch outcome {
            case let .success(meta)?:
                if let group = group() {
                    drainBatch()
                    sweep.declareGroup(group, source: source)
                }
                sweep.setSidecarMeta(meta, forRun: sweep.runName(runName, source: source))
            case let .failure(failure)?: notices.append(failure.description)
            case nil: break
            }
        }

        /// A remote log's sidecar as last fetched.
        struct RemoteSidecar {
            /// The run its log would be named by locally, in the command line's group.
            let localRunName: String
            /// Its bytes (nil: unreadable), read with the log's first line for a schedule and a group.
            var bytes: [UInt8]?
            /// Its last description that could be read.
            var meta: RunMeta?
        }
        /// By tailer file.
        var remoteSidecars: [Int: RemoteSidecar] = [:]
        /// The `"run"` each remote JSONL log's first line names.
        var remoteHeaderRuns: [Int: String] = [:]

        mutating func tailerRemoteSidecar(_ bytes: [UInt8]?, path: String, localRunName: String, file: Int) {
            guard let runName = runNameOfFile[file], file < sourceIDs.count, sourceIDs[file] >= 0 else { return }
            let outcome: Result<RunMeta, SidecarMeta.Failure> = bytes.map { SidecarMeta.parse($0, path: path, catalog: scanner.catalog) }
                ?? .failure(.permissionDenied(path))
            applySidecar(outcome, group: { bytes.flatMap(SidecarMeta.group(bytes:)) }, path: path, runName: runName, source: sourceIDs[file])
            let group = groupedRoots.first { $0.contains(sweep.sources[sourceIDs[file]].path) }?.group
            var sidecar = remoteSidecars[file] ?? RemoteSidecar(localRunName: group.map { "\($0)/\(localRunName)" } ?? localRunName)
            sidecar.bytes = bytes
            if case let .success(meta) = outcome { sidecar.meta = meta }
            remoteSidecars[file] = sidecar
            applySidecarToHeaderRun(file)
        }

        /// A local log's sidecar describes the run named like its log (`d12` for `d12.jsonl`),
        /// whose first line often names it so. A remote log's run is named `host:d12`, unless
        /// that line names it `d12`: then its sidecar describes `d12`, as it would locally.
        private func localRunNamedByHeader(_ file: Int) -> String? {
            guard let sidecar = remoteSidecars[file], let run = remoteHeaderRuns[file], let fileRunName = runNameOfFile[file] else { return nil }
            let source = sourceIDs[file]
            let named = sweep.runName(run, source: source)
            guard named == sweep.runName(sidecar.localRunName, source: source), named != sweep.runName(fileRunName, source: source) else { return nil }
            return run
        }

        private mutating func applySidecarToHeaderRun(_ file: Int) {
            guard let run = localRunNamedByHeader(file), let meta = remoteSidecars[file]?.meta else { return }
            let named = sweep.runName(run, source: sourceIDs[file])
            if sweep.sidecarMeta[named] != meta { sweep.setSidecarMeta(meta, forRun: named) }
        }

        /// Reads again the sidecars that appeared or changed since they were last read (one
        /// that disappeared leaves its description in force).
        mutating func reloadChangedSidecars() {
            for k in sidecars.indices {
                let path = sidecars[k].path
                let stamp = Sidecar.stamp(of: path)
                guard sidecars[k].changed(from: stamp) else { continue }
                sidecars[k].stamp = stamp
                if stamp != nil { loadSidecar(path, runName: sidecars[k].runName, source: sidecars[k].source) }
            }
        }

        mutating func tailerWillRead(file: Int, modifiedSecondsAgo: Double) {
            // A log found before its first line was written (a run just started) declares its
            // schedule once that line is there; a JSONL log is never told it caught up.
            if scheduleHeaderPending[file] != nil { readScheduleHeader(file) }
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
            let slot = decoderSlot(file)
            switch slot.kind {
            case .none:
                tailerLine(bytes, file: file)
            case .csv:
                csvDecoders[slot.index].decode(bytes) { sweep.ingest($0, $1, source: source) }
            case .tensorBoard:
                if !tensorBoardDecoders[slot.index].decode(bytes, emit: { sweep.ingest(.record, $0, source: source) }) {
                    sweep.countBad(.undecodable, source: source)
                }
            case .wandb:
                switch wandbDecoders[slot.index].decode(bytes) {
                case .record:
                    // The run group first: it names the run the record goes to.
                    if let group = wandbDecoders[slot.index].takeRunGroup() {
                        sweep.declareGroup(group, source: source)
                    }
                    sweep.ingest(.record, wandbDecoders[slot.index].record, source: source)
                    if let config = wandbDecoders[slot.index].takeScheduleConfig() {
                        let logged = wandbDecoders[slot.index].record.runName ?? sweep.sources[source].currentRunName
                            ?? runNameOfFile[file] ?? ""
                        let run = sweep.runName(logged, source: source)
                        declareSchedule(ScheduleDeclaration.parse(configJSON: config, totalSteps: sweep.run(named: run)?.meta.totalSteps), run: run)
                    }
                case .ignored: break
                case .undecodable: sweep.countBad(.undecodable, source: source)
                }
            case .document:
                break
            }
        }

        func decoderSlot(_ file: Int) -> DecoderSlot {
            file < decoderSlots.count ? decoderSlots[file] : DecoderSlot()
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
            applyHeader(header, file: file)
        }

        /// A log's first line with its sidecar: the group and the schedule they declare.
        private mutating func applyHeader(_ header: (run: String, outcome: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?, group: String?), file: Int) {
            drainBatch()
            if let group = header.group { sweep.declareGroup(group, source: sourceIDs[file]) }
            declareSchedule(header.outcome, run: sweep.runName(header.run, source: sourceIDs[file]))
        }

        /// Records a run's schedule declaration (a header, a sidecar, a W&B config); a malformed
        /// one is also a notice.
        mutating func declareSchedule(_ outcome: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?, run: String) {
            guard let outcome else { return }
            sweep.setSchedule(outcome, forRun: run)
            if case let .failure(failure) = outcome {
                notices.append("\(TextSanitizer.clean(run)): learning-rate schedule not used: \(failure.message)")
            }
        }

        mutating func tailerFileIsRemote(file: Int) {
            scheduleHeaderPending[file] = nil
            if let path = sidecars.last?.logPath, sourceIDs[file] >= 0, sweep.sources[sourceIDs[file]].path == path { sidecars.removeLast() }
        }

        /// A remote JSONL log's first line, read with its sidecar for a group and a learning-rate
        /// schedule as a local log's is.
        mutating func tailerHeaderLine(_ line: UnsafeRawBufferPointer, file: Int) {
            guard let name = runNameOfFile[file] else { return }
            let bytes = Array(line)
            remoteHeaderRuns[file] = ScheduleHeaderReader.namedRun(bytes)
            // Its sidecar's schedule goes to the run its sidecar describes.
            let run = localRunNamedByHeader(file) ?? name
            applyHeader(ScheduleHeaderReader.read(header: bytes, sidecar: remoteSidecars[file]?.bytes, defaultRunName: run), file: file)
            applySidecarToHeaderRun(file)
        }

        mutating func tailerCaughtUp(file: Int, final: Bool) {
            if scheduleHeaderPending[file] != nil { readScheduleHeader(file) }
            let slot = decoderSlot(file)
            guard slot.kind == .tensorBoard else { return }
            drainBatch()
            let source = sourceIDs[file]
            tensorBoardDecoders[slot.index].flush { sweep.ingest(.record, $0, source: source) }
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
            let slot = decoderSlot(f)
            switch slot.kind {
            case .csv: csvDecoders[slot.index].reset()
            case .tensorBoard: tensorBoardDecoders[slot.index].reset()
            case .none, .wandb, .document: break
            }
        }

        mutating func tailerError(_ message: String?, file: Int) {
            drainBatch()
            sweep.setError(message, source: sourceIDs[file])
        }
    }
}
