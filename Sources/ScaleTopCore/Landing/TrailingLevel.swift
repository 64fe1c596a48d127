import Foundation

/// A curve's level at a point from the points before it: a least-squares line of ln loss on ln x
/// over a trailing window, read at its right end. Unlike a trailing median it does not lag a
/// falling curve, so a running run's tip and a finished run's value at the same share of its plan
/// are read alike, however steeply each falls there.
struct TrailingLevel {
    /// ln x and ln loss of the usable points, ln x non-decreasing.
    var logX: [Double]
    var logLoss: [Double]
    /// Width of the window in ln x, and the fewest points it takes (widened to reach them).
    static let window = 0.15
    static let minimumPoints = 5

    init(_ series: CurveSeries) {
        let points = RobustSmoother.logPoints(series)
        logX = points.logX
        logLoss = points.logLoss
    }

    /// Only what `level(atLogX: lx, …)` reads, when x never decreases: the points from a little
    /// before its window to the end. The logarithms of a long run's whole history would cost more
    /// than the rest of its projection, made again after each new point.
    init(_ series: CurveSeries, readAt lx: Double) {
        let x = series.x
        guard x.count > 64, zip(x, x.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            self.init(series)
            return
        }
        var end = x.count - 1
        let tip = exp(lx + 1e-9)
        while end > 0 && !(x[end] <= tip) { end -= 1 }
        // Back past the window and past the fewest points it takes, with a margin of both.
        let edge = x[end] * exp(-(Self.window + 0.01))
        var start = end, usable = 0
        while start > 0 && (x[start] >= edge || usable < Self.minimumPoints + 2) {
            if series.loss[start].isFinite && series.loss[start] > 0 { usable += 1 }
            start -= 1
        }
        var trailing = series
        trailing.x = Array(x[start...])
        trailing.loss = Array(series.loss[start...])
        trailing.step = series.step.count == x.count ? Array(series.step[start...]) : series.step
        self.init(trailing)
    }

    /// The level (ln loss) at the last point at or before `lx`, with its standard error given a
    /// per-point noise `noise`; nil with fewer than `minimumPoints` points up to there.
    func level(atLogX lx: Double, noise: Double) -> (value: Double, error: Double)? {
        // The last point at or before lx.
        var lo = 0, hi = logX.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if logX[mid] <= lx + 1e-12 { lo = mid + 1 } else { hi = mid }
        }
        let end = lo - 1
        guard end + 1 >= Self.minimumPoints else { return nil }
        var start = end
        while start > 0 && (logX[start - 1] >= logX[end] - Self.window || end - start + 1 < Self.minimumPoints) { start -= 1 }
        let xs = Array(logX[start...end]), ys = Array(logLoss[start...end])
        let x0 = logX[end]
        guard let line = AnnealingCurveLaw.linearFit(xs, ys) else {
            let mean = ys.reduce(0, +) / Double(ys.count)
            return (mean, noise / Double(ys.count).squareRoot())
        }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n
        let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let error = noise * (1 / n + (x0 - mx) * (x0 - mx) / sxx).squareRoot()
        return (line.intercept + line.slope * x0, error)
    }
}
