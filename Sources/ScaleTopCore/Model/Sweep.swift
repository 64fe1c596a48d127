/// The set of runs read so far, their sources, and the compute envelope over all of them.
/// The only mutable state of the core; everything that reads logs writes here.
public struct Sweep: Sendable {
    public private(set) var runs: [Run] = []
    private var runIndex: [String: Int] = [:]
    public private(set) var sources: [LogSource] = []
    private var envelopeStorage = ComputeEnvelope()
    /// Set when run descriptions changed so that stored points moved on the x axis.
    private var envelopeNeedsRebuild = false

    /// Per-run descriptions from the command line (`--params NAME=N`, NAME a run name or a glob
    /// over run names); they win over all else.
    public private(set) var commandLineMeta: RunOverrides
    /// Per-run descriptions from `NAME.meta.json` sidecars; they win over the log lines.
    public private(set) var sidecarMeta: [String: RunMeta] = [:]
    /// Declared learning-rate schedules by run name, or why a declaration could not be read.
    public private(set) var schedules: [String: Result<LearningRateSchedule, ScheduleDeclaration.Failure>] = [:]
    /// Fallbacks for every run (`--tokens-per-step`); anything logged wins over them.
    public private(set) var defaultMeta = RunMeta()
    /// Points a run keeps before thinning (see `CurveStore`).
    public let pointCapacity: Int
    /// The loss keys by rank, as the catalog ranks them (to name a run's loss series).
    public let lossKeyNames: [String]
    /// Bumped on every change, so observers can tell whether anything moved.
    public private(set) var revision = 0
    /// The reader's clock during the current read (seconds), stamped on sources that grow.
    public var clock: Double = 0

    public init(
        pointCapacity: Int = 8192, defaultMeta: RunMeta = RunMeta(), commandLineMeta: RunOverrides = RunOverrides(),
        lossKeyNames: [String] = LogField.lossKeys
    ) {
        self.pointCapacity = pointCapacity
        self.lossKeyNames = lossKeyNames
        self.defaultMeta = defaultMeta
        self.commandLineMeta = commandLineMeta
    }

    // MARK: - Reading

    public func run(named name: String) -> Run? { runIndex[name].map { runs[$0] } }

    /// When any of the run's files last grew (the reader's clock), if ever.
    public func lastGrowth(of run: Run) -> Double? {
        run.sources.compactMap { sources[$0].lastGrowth }.max()
    }

    /// The lower compute envelope of every run's points, exact over every point ever read
    /// (thinning does not touch it) unless run descriptions changed after points arrived.
    public var envelope: ComputeEnvelope {
        if envelopeNeedsRebuild { return rebuiltEnvelope() }
        return envelopeStorage
    }

    /// Total lines and bad lines over every source.
    public var lineCounts: (read: Int, bad: Int) {
        sources.reduce((0, 0)) { ($0.0 + $1.lines, $0.1 + $1.badLines) }
    }

    // MARK: - Sources

    /// Registers a file; returns its id.
    /// Makes room for `count` more sources and as many runs (a run per file is the usual case).
    public mutating func reserveSources(_ count: Int) {
        sources.reserveCapacity(sources.count + count)
        runs.reserveCapacity(runs.count + count)
        runIndex.reserveCapacity(runIndex.count + count)
    }

    public mutating func addSource(path: String, defaultRunName: String, group: String? = nil) -> Int {
        let id = sources.count
        var source = LogSource(id: id, path: path, defaultRunName: defaultRunName)
        source.group = group
        sources.append(source)
        revision += 1
        return id
    }

    public mutating func setError(_ message: String?, source id: Int) {
        guard sources[id].error != message else { return }
        sources[id].error = message
        revision += 1
    }

    /// Removes every run that `ids` fed, and returns every source that must be read again from
    /// the start so that the runs equal the files' content (a source that fed a removed run
    /// alongside one of `ids` is read again too).
    public mutating func dropContent(of ids: Set<Int>) -> Set<Int> {
        var affectedSources = ids
        var affectedRuns = Set<String>()
        var changed = true
        while changed {
            changed = false
            for run in runs where !affectedRuns.contains(run.name) && !run.sources.isDisjoint(with: affectedSources) {
                affectedRuns.insert(run.name)
                let before = affectedSources.count
                affectedSources.formUnion(run.sources)
                if affectedSources.count != before { changed = true }
            }
        }
        runs.removeAll { affectedRuns.contains($0.name) }
        runIndex = Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($1.name, $0) })
        for id in sources.indices { sources[id].currentRunIndex = nil }
        for id in affectedSources { sources[id].resetCounts() }
        rebuildEnvelope()
        revision += 1
        return affectedSources
    }

    // MARK: - Run descriptions

    public mutating func setSchedule(_ outcome: Result<LearningRateSchedule, ScheduleDeclaration.Failure>, forRun name: String) {
        guard schedules[name] != outcome else { return }
        schedules[name] = outcome
        revision += 1
    }

    /// Records the group a source's header, sidecar or W&B record declares: the runs it feeds
    /// from then on are named in that group (see `runName(_:source:)`).
    public mutating func declareGroup(_ group: String, source id: Int) {
        guard !group.isEmpty, sources[id].declaredGroup != group else { return }
        sources[id].declaredGroup = group
        sources[id].currentRunIndex = nil
        revision += 1
    }

    /// The run the next line of source `id` goes to: the latest `"run"` key's, else the file's,
    /// named in the source's group.
    public func currentRunName(source id: Int) -> String {
        runName(sources[id].currentRunName ?? sources[id].defaultRunName, source: id)
    }

    /// The name a run logged (or its file gave) as the sweep knows it: in a group, `group/name`,
    /// so that two groups logging the same `"run"` stay two runs. A name that already begins
    /// with `group/` (a file found under a `NAME=` argument, a writer that named it so) is kept.
    public func runName(_ name: String, source id: Int) -> String {
        guard let group = sources[id].group ?? sources[id].declaredGroup else { return name }
        return Self.name(name, inGroup: group)
    }

    static func name(_ name: String, inGroup group: String) -> String {
        name.hasPrefix(group + "/") ? name : group + "/" + name
    }

    /// A run's group: the command line's for the file it came from first, else the one the
    /// first of its files that declares one declares; nil for neither.
    public func group(of run: Run) -> String? {
        if let first = run.sources.min(), let group = sources[first].group { return group }
        var declaring: Int?
        for id in run.sources where sources[id].declaredGroup != nil && id < (declaring ?? .max) { declaring = id }
        return declaring.flatMap { sources[$0].declaredGroup }
    }

    public mutating func setSidecarMeta(_ meta: RunMeta, forRun name: String) {
        sidecarMeta[name] = meta
        if let i = runIndex[name] { refreshMeta(i) }
        revision += 1
    }

    private func effectiveMeta(for run: Run) -> RunMeta {
        var meta = defaultMeta.overridden(by: run.loggedMeta)
        if let sidecar = sidecarMeta[run.name] { meta = meta.overridden(by: sidecar) }
        if !commandLineMeta.isEmpty, let command = commandLineMeta.meta(for: run.name) { meta = meta.overridden(by: command) }
        return meta
    }

    private mutating func refreshMeta(_ i: Int) {
        let meta = effectiveMeta(for: runs[i])
        guard meta != runs[i].meta else { return }
        let axisMoved = meta.params != runs[i].meta.params || meta.tokensPerStep != runs[i].meta.tokensPerStep
        runs[i].meta = meta
        if axisMoved && !runs[i].curve.isEmpty { envelopeNeedsRebuild = true }
    }

    // MARK: - Lines

    /// Applies the outcome of scanning one line of source `id`.
    public mutating func ingest<Line: LineFields>(_ outcome: ScanOutcome, _ record: Line, source id: Int) {
        switch outcome {
        case .blank:
            return
        case let .bad(kind):
            countBad(kind, source: id)
            return
        case .record:
            break
        }
        sources[id].lines += 1
        sources[id].lastGrowth = clock
        revision += 1
        if let name = record.runName, !name.isEmpty, name != sources[id].currentRunName {
            sources[id].currentRunName = name
            sources[id].currentRunIndex = nil
        }
        if record.isEmpty {
            sources[id].ignoredLines += 1
            return
        }
        let i: Int
        if let known = sources[id].currentRunIndex {
            i = known
        } else {
            let name = currentRunName(source: id)
            i = runIndex[name] ?? createRun(name, source: id)
            sources[id].currentRunIndex = i
        }
        if runs[i].lastSource != id { runs[i].noteSource(id) }
        if record.describesRun {
            let metaBefore = runs[i].loggedMeta
            runs[i].loggedMeta.absorb(record)
            if runs[i].loggedMeta != metaBefore { refreshMeta(i) }
        }
        let training = record[.loss]
        let evaluation = record.evaluationLoss
        if let lr = record[.learningRate] { noteLearningRate(lr, record, run: i) }
        guard training != nil || evaluation != nil else { return }
        var point = LogPoint(
            step: record[.step] ?? .nan, tokens: record[.tokens] ?? .nan,
            flops: record[.flops] ?? .nan, loss: training ?? evaluation!.value, time: record[.time] ?? .nan)
        if let training { addLoss(point, rank: record.lossRank, run: i) }
        if let evaluation {
            point.loss = evaluation.value
            addLoss(point, rank: evaluation.rank, run: i)
        }
    }

    /// One loss series a run: a point of the run's loss key joins its curve (and the envelope);
    /// one of another key joins that key's series, or makes it the run's key when it ranks higher.
    @inline(__always)
    private mutating func addLoss(_ point: LogPoint, rank: UInt8, run i: Int) {
        if rank != runs[i].series.rank {
            let promoted = rank < runs[i].series.rank
            let key = Int(rank) < lossKeyNames.count ? lossKeyNames[Int(rank)] : lossKeyNames.last ?? "loss"
            if runs[i].add(point, key: key, rank: rank) { envelopeNeedsRebuild = true }
            guard promoted else { return }
        } else {
            runs[i].add(point)
        }
        if !envelopeNeedsRebuild, let entry = Self.envelopeEntry(point, run: i, meta: runs[i].meta) { envelopeStorage.offer(entry, hint: &runs[i].envelopeHint) }
    }

    /// The LR of a line with a step (else its tokens over the run's tokens per step); a line with
    /// neither is no point of the schedule (on a header, `learning_rate` is the declared peak).
    private mutating func noteLearningRate<Line: LineFields>(_ lr: Double, _ record: Line, run i: Int) {
        var step = record[.step]
        if step == nil, let tokens = record[.tokens], let perStep = runs[i].meta.tokensPerStep, perStep > 0 { step = tokens / perStep }
        guard let step else { return }
        runs[i].noteLearningRate(lr, atStep: step)
    }

    /// Counts a line that could not be read (also used by readers for over-long lines).
    public mutating func countBad(_ kind: BadLineKind, source id: Int) {
        sources[id].lines += 1
        sources[id].badLines += 1
        sources[id].badByKind[kind, default: 0] += 1
        revision += 1
    }

    private mutating func createRun(_ name: String, source id: Int) -> Int {
        var run = Run(name: name, path: sources[id].path, capacity: pointCapacity)
        run.meta = effectiveMeta(for: run)
        runs.append(run)
        runIndex[name] = runs.count - 1
        return runs.count - 1
    }

    /// The point as an envelope entry (nil when it has no usable loss or compute). Built apart
    /// from the offer: a method of `self` handed `&envelopeStorage` keeps a copy of `self`, and
    /// the envelope's array would be copied on every change. Static, so that a point added by
    /// a mutating method copies only the run's description, not the whole sweep.
    private static func envelopeEntry(_ point: LogPoint, run i: Int, meta: RunMeta) -> ComputeEnvelope.Entry? {
        guard point.hasUsableLoss else { return nil }
        guard let flops = meta.flops(for: point) else { return nil }
        return .init(flops: flops, loss: point.loss, run: i, tokens: meta.tokens(for: point) ?? .nan, step: point.step)
    }

    private func rebuiltEnvelope() -> ComputeEnvelope {
        var envelope = ComputeEnvelope()
        for i in runs.indices {
            let curve = runs[i].curve
            for k in 0..<curve.count {
                if let entry = Self.envelopeEntry(curve[k], run: i, meta: runs[i].meta) { envelope.offer(entry) }
            }
        }
        return envelope
    }

    /// Recomputes the envelope when run descriptions moved stored points on the x axis.
    public mutating func rebuildEnvelopeIfNeeded() {
        if envelopeNeedsRebuild { rebuildEnvelope() }
    }

    /// Recomputes the envelope from the stored points.
    public mutating func rebuildEnvelope() {
        envelopeStorage = rebuiltEnvelope()
        envelopeNeedsRebuild = false
    }
}
