import Foundation
import ScaleTopCore

/// How a run's plotted points were made from its stored ones, so that the next picture only looks
/// at the points that arrived since: one per log-spaced bin of fixed width (the first point of
/// each bin), and the latest point. Kept with the series; a run whose store was thinned, whose x
/// mapping changed (a sidecar gave its parameter count) or whose bins grew past 1.5× the limit is
/// thinned afresh.
struct SeriesThinning: Sendable, Equatable {
    var axis: PlotXAxis
    /// The loss series plotted (nil: the run's own).
    var lossKey: String?
    /// The store's thinning count when these points were taken (`CurveStore.thinned`).
    var storeThinned: Int
    /// Stored points looked at so far, and the x of the first and the last of them.
    var consumed: Int
    var firstX: Double
    var lastSourceX: Double
    /// Bins: ln x − `lo` over `width` (width 0: no thinning, every point kept).
    var lo: Double
    var width: Double
    var lastBin: Int
    /// The last plotted point is the latest one, added beyond its bin's first point.
    var lastIsExtra: Bool

    /// The plotted points of `run` on `axis`, reusing `previous` (the same run's points and
    /// thinning) when the run only grew. Returns the points, how many leading points are the
    /// previous ones unchanged, and the thinning to keep.
    static func points(of run: Run, curve: CurveStore, lossKey: String?, axis: PlotXAxis, limit: Int,
                       previous: (points: [PlotPoint], thinning: SeriesThinning)?)
        -> (points: [PlotPoint], unchanged: Int, thinning: SeriesThinning)
    {
        if let (points, thinning) = previous, thinning.axis == axis, thinning.lossKey == lossKey, thinning.storeThinned == curve.thinned,
           thinning.consumed > 0, thinning.consumed <= curve.count, points.count <= limit * 3 / 2,
           x(curve[0], run, axis) == thinning.firstX, x(curve[thinning.consumed - 1], run, axis) == thinning.lastSourceX
        {
            if thinning.consumed == curve.count { return (points, points.count, thinning) }
            var kept = points
            var state = thinning
            if state.lastIsExtra {
                kept.removeLast()
                state.lastIsExtra = false
            }
            let unchanged = kept.count
            state.add(curve, run, from: thinning.consumed, to: &kept)
            return (kept, unchanged, state)
        }
        return fresh(run, curve: curve, lossKey: lossKey, axis: axis, limit: limit)
    }

    /// Every stored point looked at, bins over the run's whole x range.
    static func fresh(_ run: Run, curve: CurveStore, lossKey: String?, axis: PlotXAxis, limit: Int)
        -> (points: [PlotPoint], unchanged: Int, thinning: SeriesThinning)
    {
        var first = Double.nan, high = -Double.infinity
        var usable = 0
        for k in 0..<curve.count {
            let point = curve[k]
            guard point.hasUsableLoss, let value = x(point, run, axis) else { continue }
            if first.isNaN { first = value }
            high = max(high, value)
            usable += 1
        }
        let lo = first.isNaN ? 0 : log(first)
        let width = usable > limit && limit >= 2 ? max(log(high) - lo, 1e-12) / Double(limit - 1) : 0
        var state = SeriesThinning(
            axis: axis, lossKey: lossKey, storeThinned: curve.thinned, consumed: 0, firstX: curve.isEmpty ? .nan : x(curve[0], run, axis) ?? .nan,
            lastSourceX: .nan, lo: lo, width: width, lastBin: .min, lastIsExtra: false)
        var kept: [PlotPoint] = []
        kept.reserveCapacity(min(usable, limit + 1))
        state.add(curve, run, from: 0, to: &kept)
        return (kept, 0, state)
    }

    /// Looks at stored points `from` on, adding the first of each new bin and the latest point.
    mutating func add(_ curve: CurveStore, _ run: Run, from start: Int, to kept: inout [PlotPoint]) {
        var latest: PlotPoint?
        for k in start..<curve.count {
            let point = curve[k]
            guard point.hasUsableLoss, let value = Self.x(point, run, axis) else { continue }
            let plotted = PlotPoint(x: value, loss: point.loss)
            latest = plotted
            let bin = width > 0 ? Int(((log(value) - lo) / width).rounded(.down)) : lastBin &+ 1
            if bin != lastBin {
                kept.append(plotted)
                lastBin = bin
            }
        }
        if let latest, kept.last != latest {
            kept.append(latest)
            lastIsExtra = true
        }
        consumed = curve.count
        if curve.count > 0 { lastSourceX = Self.x(curve[curve.count - 1], run, axis) ?? .nan }
    }

    static func x(_ point: LogPoint, _ run: Run, _ axis: PlotXAxis) -> Double? {
        guard let value = PlotModel.xValue(point, of: run, axis: axis), value > 0, value.isFinite else { return nil }
        return value
    }
}
