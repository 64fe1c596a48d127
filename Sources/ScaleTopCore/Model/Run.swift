/// One training run: its name, where it came from, what describes it and its points.
public struct Run: Sendable {
    public let name: String
    /// The file of the run's first line (display form).
    public internal(set) var path: String
    /// Run description from the log lines themselves.
    public internal(set) var loggedMeta = RunMeta()
    /// The description in force: command line over sidecar over log lines.
    public internal(set) var meta = RunMeta()
    /// Sources (files) that fed this run.
    public internal(set) var sources: Set<Int> = []
    /// The source of the latest line, so that the set is touched only when the source changes.
    private(set) var lastSource = -1
    /// Where the run's latest point fell on the compute envelope (see `ComputeEnvelope.offer`).
    var envelopeHint = 0

    mutating func noteSource(_ id: Int) {
        sources.insert(id)
        lastSource = id
    }

    /// The series of the run's loss key: the points drawn, fitted and judged.
    public internal(set) var series: LossSeries
    /// The series of the other loss keys the run's lines carried (evaluation losses, say), in
    /// the order they first appeared.
    public internal(set) var otherSeries: [LossSeries] = []

    /// The loss key of the run: the highest-ranked one any of its lines has shown.
    public var lossKey: String? { series.rank == Self.noLossRank ? nil : series.key }
    /// Every loss key the run has points of: its own first.
    public var lossKeys: [String] { (lossKey.map { [$0] } ?? []) + otherSeries.map(\.key) }

    /// The learning rate the run logged, if it logged one: kept out of line, so a run that logs
    /// none costs one reference.
    private var learningRateBox: LearningRateBox?

    /// The learning rate logged so far (knots, linear between them), nil if the run logs none.
    public var learningRates: LearningRateLog? { learningRateBox?.log }

    /// The learning rate logged at `step` (linear between logged values), if the run logs one.
    public func learningRate(atStep step: Double) -> Double? { learningRateBox?.log.lr(atStep: step) }

    /// The learning rate at the step of the curve's point `index`, if the run logs one and the
    /// point has a step.
    public func learningRate(atPoint index: Int) -> Double? {
        guard let box = learningRateBox, index >= 0, index < curve.count else { return nil }
        return box.log.lr(atStep: curve.step[index])
    }

    mutating func noteLearningRate(_ lr: Double, atStep step: Double) {
        // A first value, or a copy of the run shares the box: a box of its own.
        if !isKnownUniquelyReferenced(&learningRateBox) {
            learningRateBox = LearningRateBox(learningRateBox?.log ?? LearningRateLog())
        }
        learningRateBox.unsafelyUnwrapped.log.append(step: step, lr: lr)
    }

    /// The rank of a run that has shown no loss yet: any loss key outranks it.
    static let noLossRank = UInt8.max
    private let capacity: Int

    public var curve: CurveStore { series.curve }
    public var usablePoints: Int { series.usablePoints }
    public var nonFiniteLosses: Int { series.nonFiniteLosses }
    public var nonPositiveLosses: Int { series.nonPositiveLosses }
    public var last: LogPoint? { series.last }
    public var best: LogPoint? { series.best }
    public var firstNonFinite: LogPoint? { series.firstNonFinite }

    init(name: String, path: String, capacity: Int) {
        self.name = name
        self.path = path
        self.capacity = capacity
        series = LossSeries(key: "", rank: Self.noLossRank, capacity: capacity)
    }

    /// Adds a point of the run's loss key.
    @inline(__always)
    mutating func add(_ point: LogPoint) {
        series.add(point)
    }

    /// Adds a point whose loss came from the key `key` of rank `rank`. A key ranked below the
    /// run's goes to its own series; one ranked above becomes the run's key (its points so far,
    /// if any, become the series drawn). Returns true when the drawn points changed by more
    /// than this one point (the envelope must be rebuilt).
    mutating func add(_ point: LogPoint, key: String, rank: UInt8) -> Bool {
        if rank == series.rank {
            series.add(point)
            return false
        }
        if rank > series.rank {
            if let k = otherSeries.firstIndex(where: { $0.rank == rank }) {
                otherSeries[k].add(point)
            } else {
                var other = LossSeries(key: key, rank: rank, capacity: capacity)
                other.add(point)
                otherSeries.append(other)
            }
            return false
        }
        let replaced = series
        if let k = otherSeries.firstIndex(where: { $0.rank == rank }) {
            series = otherSeries.remove(at: k)
        } else {
            series = LossSeries(key: key, rank: rank, capacity: capacity)
        }
        let hadPoints = !replaced.curve.isEmpty || !series.curve.isEmpty
        if replaced.rank != Self.noLossRank { otherSeries.insert(replaced, at: 0) }
        series.add(point)
        envelopeHint = 0
        return hadPoints
    }

    /// The series of loss key `key`, if the run has points of it.
    public func series(forKey key: String) -> LossSeries? {
        if series.key == key && series.rank != Self.noLossRank { return series }
        return otherSeries.first { $0.key == key }
    }

    /// FLOPs of `point` under the run's description.
    public func flops(of point: LogPoint) -> Double? { meta.flops(for: point) }

    /// Tokens of `point` under the run's description.
    public func tokens(of point: LogPoint) -> Double? { meta.tokens(for: point) }

    /// Why the run has no compute axis, or nil when it has one.
    public var flopsUnavailableReason: String? {
        guard let sample = last ?? (curve.isEmpty ? nil : curve[0]) else { return nil }
        return meta.flopsUnavailableReason(sample: sample)
    }
}

/// A run's learning-rate log out of line, copied when a shared copy of the run changes it.
final class LearningRateBox: @unchecked Sendable {
    var log: LearningRateLog
    init(_ log: LearningRateLog = LearningRateLog()) { self.log = log }
}
