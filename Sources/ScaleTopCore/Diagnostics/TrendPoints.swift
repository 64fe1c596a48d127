import Foundation

/// The points the trend rules read (smoother, plateau, divergence, projection): at most
/// `trendPoints` of a run's usable points as ln x and ln loss, every k-th counted from the first
/// (k = ⌈count / limit⌉) and the latest. Counted from the first, the kept points stay the same as
/// points are appended (until k grows), so a later look only adds the new ones and the smoothed
/// curve's earlier nodes, which rest on them alone, can be kept (`RobustSmoother`).
struct TrendPoints: Sendable {
    /// The series points kept so far on the stride (usable ones), ln x and ln loss.
    private var gridX: [Double] = []
    private var gridLoss: [Double] = []
    private var stride = 0
    /// Next series index on the stride.
    private var next = 0
    private var sorted = true
    /// The last update's points were in order as they came (nothing was sorted into them).
    private var lastInOrder = true

    /// The points as the rules read them (the stride's and the latest), ln x non-decreasing.
    private(set) var logX: [Double] = []
    private(set) var logLoss: [Double] = []
    /// Leading points of `logX` that were also the leading points of the previous update's, with
    /// nothing before them since: what was derived from those alone still holds. 0 after a rebuild.
    private(set) var settled = 0

    /// The points of `series` thinned to at most `limit` (and the latest), from scratch.
    init(_ series: CurveSeries, limit: Int) {
        update(series, limit: limit)
    }

    /// Brings the points up to `series`, whose first points must be those of the previous update.
    mutating func update(_ series: CurveSeries, limit: Int) {
        let n = series.count
        let wanted = limit > 1 && n > limit ? (n + limit - 1) / limit : 1
        settled = sorted && lastInOrder ? gridX.count : 0
        if wanted != stride || (next > 0 && next - stride >= n) {
            gridX.removeAll(keepingCapacity: true)
            gridLoss.removeAll(keepingCapacity: true)
            stride = wanted
            next = 0
            sorted = true
            settled = 0
        }
        while next < n {
            if let (lx, ly) = Self.logPoint(series, next) {
                if let last = gridX.last, lx < last { sorted = false }
                gridX.append(lx)
                gridLoss.append(ly)
            }
            next += stride
        }
        logX = gridX
        logLoss = gridLoss
        var inOrder = sorted
        // The latest point, when it is not on the stride.
        if n > 0, (n - 1) % stride != 0, let (lx, ly) = Self.logPoint(series, n - 1) {
            if let last = logX.last, lx < last { inOrder = false }
            logX.append(lx)
            logLoss.append(ly)
        }
        lastInOrder = inOrder
        if !inOrder {
            // Points out of order in x: sorted by x, and nothing carried from look to look.
            let order = logX.indices.sorted { logX[$0] < logX[$1] }
            logX = order.map { logX[$0] }
            logLoss = order.map { logLoss[$0] }
            settled = 0
        }
    }

    /// Point `i` of `series` as (ln x, ln loss), nil unless usable (finite x > 0, finite loss > 0).
    private static func logPoint(_ series: CurveSeries, _ i: Int) -> (Double, Double)? {
        let x = series.x[i], l = series.loss[i]
        guard x.isFinite, x > 0, l.isFinite, l > 0 else { return nil }
        return (log(x), log(l))
    }
}
