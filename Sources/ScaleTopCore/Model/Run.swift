/// One training run: its name, where it came from, what describes it and its points.
public struct Run: Sendable {
    public let name: String
    /// The file of the run's first line (display form).
    public internal(set) var path: String
    /// Run description from the log lines themselves.
    public internal(set) var loggedMeta = RunMeta()
    /// The description in force: command line over sidecar over log lines.
    public internal(set) var meta = RunMeta()
    public internal(set) var curve: CurveStore
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

    /// Points with a finite, positive loss.
    public internal(set) var usablePoints = 0
    /// Points whose loss was NaN or infinite.
    public internal(set) var nonFiniteLosses = 0
    /// Points whose loss was zero or negative (kept, not drawn).
    public internal(set) var nonPositiveLosses = 0
    /// The last point that carried a loss (its loss may be NaN).
    public internal(set) var last: LogPoint?
    /// The point with the lowest usable loss.
    public internal(set) var best: LogPoint?
    /// The first point whose loss was NaN or infinite.
    public internal(set) var firstNonFinite: LogPoint?

    init(name: String, path: String, capacity: Int) {
        self.name = name
        self.path = path
        self.curve = CurveStore(capacity: capacity)
    }

    mutating func add(_ point: LogPoint) {
        curve.append(point)
        last = point
        if point.hasUsableLoss {
            usablePoints += 1
            if best == nil || point.loss < best!.loss { best = point }
        } else if !point.loss.isFinite {
            nonFiniteLosses += 1
            if firstNonFinite == nil { firstNonFinite = point }
        } else {
            nonPositiveLosses += 1
        }
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
