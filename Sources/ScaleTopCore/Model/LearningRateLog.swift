/// The learning rate a run logged, kept as knots (step, lr) in 32-bit floats: a logged value
/// becomes a knot only where a line through the knots could not stay within `tolerance` (relative)
/// of every value logged since the last knot, so a schedule of 100,000 logged steps is a few dozen knots.
/// At most `capacity` knots are kept: past it, knots are merged into bins about half as many and
/// the tolerance doubles, up to `largestTolerance` (a noisy LR is kept as its local mean). Only runs that log an LR have one.
public struct LearningRateLog: Sendable {
    public static let capacity = 2048
    /// Relative departure allowed at first.
    public static let initialTolerance = 0.002
    /// The tolerance grows no further: past it a noisy LR is kept by averaging alone.
    public static let largestTolerance = 0.02

    /// Committed knots; the latest logged value follows them (`latest`).
    private var committed: [SIMD2<Float>] = []
    /// The latest logged point, not yet a knot.
    public private(set) var latest: (step: Double, lr: Double)?
    /// Slopes from the last knot that keep every point since it within tolerance.
    private var slopeLow = -Double.infinity, slopeHigh = Double.infinity
    /// The largest LR logged: departures near zero are judged against a share of it.
    public private(set) var peak = 0.0
    public private(set) var tolerance = initialTolerance
    /// Logged values taken (not counting those skipped for a step not after the latest).
    public private(set) var logged = 0

    public init() {}

    /// Every knot, the latest logged point last: linear between them.
    public var knots: [(step: Double, lr: Double)] {
        var all = committed.map { (step: Double($0.x), lr: Double($0.y)) }
        if let latest { all.append(latest) }
        return all
    }

    /// Knots held (the latest point included).
    public var count: Int { committed.count + (latest == nil ? 0 : 1) }

    /// The first and latest step logged.
    public var firstStep: Double? { committed.first.map { Double($0.x) } ?? latest?.step }
    public var lastStep: Double? { latest?.step }

    /// Takes the LR logged at `step`. A step not after the latest one (a resumed run logging
    /// steps again) is skipped; a negative or non-finite LR too.
    public mutating func append(step: Double, lr: Double) {
        guard step.isFinite, lr.isFinite, lr >= 0 else { return }
        if let latest, step <= latest.step { return }
        logged += 1
        peak = max(peak, lr)
        guard let previous = latest else {
            latest = (step, lr)
            return
        }
        let allowed = tolerance * max(lr, 0.01 * peak)
        if let anchor = committed.last {
            // The new point narrows the slopes from the anchor that keep it within tolerance.
            let run = step - Double(anchor.x)
            let low = max(slopeLow, (lr - allowed - Double(anchor.y)) / run)
            let high = min(slopeHigh, (lr + allowed - Double(anchor.y)) / run)
            if low <= high {
                (slopeLow, slopeHigh) = (low, high)
                latest = (step, lr)
                return
            }
            // None is left: the previous point becomes a knot, on a slope that kept every point
            // since the anchor within tolerance.
            let slope = (slopeLow + slopeHigh) / 2
            commit(step: previous.step, lr: slope.isFinite ? Double(anchor.y) + slope * (previous.step - Double(anchor.x)) : previous.lr)
        } else {
            commit(step: previous.step, lr: previous.lr)
        }
        let knot = committed.last!
        let run = step - Double(knot.x)
        if run > 0 {
            slopeLow = (lr - allowed - Double(knot.y)) / run
            slopeHigh = (lr + allowed - Double(knot.y)) / run
        }
        latest = (step, lr)
    }

    private mutating func commit(step: Double, lr: Double) {
        committed.append(SIMD2(Float(step), Float(max(lr, 0))))
        slopeLow = -.infinity
        slopeHigh = .infinity
        if committed.count > Self.capacity { halve() }
    }

    /// Merges the knots (the first kept as it is) into bins of twice the span over the capacity,
    /// each at its weighted mean, and doubles the tolerance up to its largest. Each knot weighs
    /// the steps half-way to its neighbours, so the LR's sum over the steps (what a
    /// schedule-aware law reads) holds; bins on a fixed grid keep old stretches from being
    /// merged again and again.
    private mutating func halve() {
        let knots = committed
        let first = Double(knots[0].x)
        let perBin = Double(Self.capacity) / max(2 * (Double(knots[knots.count - 1].x) - first), 1e-9)
        func weight(_ i: Int) -> Double {
            let before = knots[max(i - 1, 0)].x, after = knots[min(i + 1, knots.count - 1)].x
            return max(Double(after - before) / 2, 1e-30)
        }
        var merged: [SIMD2<Float>] = [knots[0]]
        merged.reserveCapacity(Self.capacity / 2 + 2)
        var i = 1
        while i < knots.count {
            let bin = ((Double(knots[i].x) - first) * perBin).rounded(.down)
            var total = 0.0, step = 0.0, lr = 0.0
            while i < knots.count, ((Double(knots[i].x) - first) * perBin).rounded(.down) == bin {
                let w = weight(i)
                total += w
                step += w * Double(knots[i].x)
                lr += w * Double(knots[i].y)
                i += 1
            }
            merged.append(SIMD2(Float(step / total), Float(lr / total)))
        }
        committed = merged
        tolerance = min(2 * tolerance, Self.largestTolerance)
    }

    /// The LR at `step`: linear between knots, the first before them, the latest after them;
    /// nil when nothing was logged.
    public func lr(atStep step: Double) -> Double? {
        guard let latest, step.isFinite else { return nil }
        if step >= latest.step { return latest.lr }
        guard let first = committed.first else { return latest.lr }
        if step <= Double(first.x) { return Double(first.y) }
        let i = committed.partitionPoint { Double($0.x) <= step }  // first knot after `step`
        let a = committed[i - 1]
        let (bStep, bLR) = i < committed.count ? (Double(committed[i].x), Double(committed[i].y)) : latest
        let aStep = Double(a.x)
        guard bStep > aStep else { return bLR }
        return Double(a.y) + (bLR - Double(a.y)) * (step - aStep) / (bStep - aStep)
    }
}
