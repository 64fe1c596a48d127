import Foundation

/// How the plot smooths each run's loss (the `o` key cycles it). The fits and the envelope
/// always read the raw points; only the drawn curve changes, the raw points stay faint behind.
public enum LossSmoothing: String, Sendable, CaseIterable {
    case off, light, heavy

    public var next: LossSmoothing {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The moving average's reach along x, in decades: a point one reach away weighs 1/e as much.
    var decades: Double {
        switch self {
        case .off: 0
        case .light: 0.015
        case .heavy: 0.06
        }
    }

    /// An exponential moving average of log10 loss along log10 x, debiased as TensorBoard
    /// debiases its smoothing: the running sum starts at zero, so the average is divided by the
    /// weight it has gathered (1 − w^n for even steps), which keeps the first points from being
    /// pulled towards zero. Each point's weight for its predecessors is exp(−Δlog x / reach),
    /// so unevenly spaced points are smoothed by distance, not by count. Smoothing logarithms
    /// keeps a power law straight on a log-log plot. Non-finite inputs pass through unsmoothed
    /// and do not enter the average.
    static func smoothed(_ points: [LogScaledPoint], reach: Double) -> [Double] {
        guard reach > 0 else { return points.map(\.loss) }
        var steps: [Step] = []
        extend(&steps, over: points, reach: reach)
        return steps.map(\.value)
    }

    /// The average after a point: its smoothed value, and what the next point continues from.
    struct Step: Sendable {
        var value: Double
        var sum: Double
        var weight: Double
        var lastX: Double
        /// Finite points so far.
        var finite: Int
    }

    /// Extends `steps` (one per point of a prefix of `points`, unchanged since they were made) to
    /// one per point. Steps made before two finite points were seen are made again: the first
    /// point's weight depends on the gap to the second.
    static func extend(_ steps: inout [Step], over points: [LogScaledPoint], reach: Double) {
        if steps.count > points.count || (steps.last?.finite ?? 0) < 2 { steps.removeAll(keepingCapacity: true) }
        guard steps.count < points.count else { return }
        steps.reserveCapacity(points.count)
        // The first point has no gap before it: it takes the gap after it, as evenly spaced
        // points would (so two points are averaged as TensorBoard averages them).
        let finite = points.lazy.filter { $0.x.isFinite && $0.loss.isFinite }.prefix(2).map(\.x)
        let firstGap = finite.count == 2 ? Array(finite)[1] - Array(finite)[0] : .infinity
        var state = steps.last ?? Step(value: 0, sum: 0, weight: 0, lastX: -.infinity, finite: 0)
        for point in points[steps.count...] {
            guard point.x.isFinite, point.loss.isFinite else {
                state.value = point.loss
                steps.append(state)
                continue
            }
            let gap = state.lastX.isFinite ? max(0, point.x - state.lastX) : firstGap
            let keep = exp(-gap / reach)
            state.sum = keep * state.sum + (1 - keep) * point.loss
            state.weight = keep * state.weight + (1 - keep)
            state.lastX = point.x
            state.finite += 1
            state.value = state.weight > 0 ? state.sum / state.weight : point.loss
            steps.append(state)
        }
    }
}

/// A series' smoothed losses, kept between frames and carried into the series that grows from
/// it, so that a frame with smoothing on costs the new points' averages, not every point's.
final class SmoothingMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var reach = 0.0
    private var steps: [LossSmoothing.Step] = []

    init() {}

    /// The steps of `previous` for its first `unchanged` points (the points the new series shares).
    init(carrying previous: SmoothingMemo, unchanged: Int) {
        previous.lock.lock()
        reach = previous.reach
        steps = Array(previous.steps.prefix(unchanged))
        previous.lock.unlock()
    }

    /// Points whose steps are kept.
    var keptCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return steps.count
    }

    /// `LossSmoothing.smoothed(points, reach:)`, from the steps kept for the points' prefix.
    func values(for points: [LogScaledPoint], reach: Double) -> [Double] {
        guard reach > 0 else { return points.map(\.loss) }
        lock.lock()
        defer { lock.unlock() }
        if reach != self.reach {
            steps.removeAll()
            self.reach = reach
        }
        LossSmoothing.extend(&steps, over: points, reach: reach)
        return steps.map(\.value)
    }
}
