/// The points of one loss key of a run, with the counts the run's table and report show. A run
/// draws one of these (its loss key's); the others are kept so the view can switch to them.
public struct LossSeries: Sendable {
    /// The loss key as the catalog lists it (`loss`, `eval_loss`...).
    public let key: String
    /// The key's place among the loss aliases (lower is preferred).
    public let rank: UInt8
    public internal(set) var curve: CurveStore
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

    init(key: String, rank: UInt8, capacity: Int) {
        self.key = key
        self.rank = rank
        curve = CurveStore(capacity: capacity)
    }

    @inline(__always)
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
}
