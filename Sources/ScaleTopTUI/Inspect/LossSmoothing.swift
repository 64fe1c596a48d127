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
        var result: [Double] = []
        result.reserveCapacity(points.count)
        var sum = 0.0, weight = 0.0
        // The first point has no gap before it: it takes the gap after it, as evenly spaced
        // points would (so two points are averaged as TensorBoard averages them).
        let finite = points.lazy.filter { $0.x.isFinite && $0.loss.isFinite }.prefix(2).map(\.x)
        let firstGap = finite.count == 2 ? Array(finite)[1] - Array(finite)[0] : .infinity
        var lastX = -Double.infinity
        for point in points {
            guard point.x.isFinite, point.loss.isFinite else {
                result.append(point.loss)
                continue
            }
            let gap = lastX.isFinite ? max(0, point.x - lastX) : firstGap
            let keep = exp(-gap / reach)
            sum = keep * sum + (1 - keep) * point.loss
            weight = keep * weight + (1 - keep)
            lastX = point.x
            result.append(weight > 0 ? sum / weight : point.loss)
        }
        return result
    }
}
