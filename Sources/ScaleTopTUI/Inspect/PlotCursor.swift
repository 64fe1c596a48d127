import Foundation

/// The plot's cursor: a run, and the x of the plotted point of that run it sits on. Kept by
/// value, so it stays on the same point while other points arrive.
public struct PlotCursor: Sendable, Equatable {
    public var run: String
    public var x: Double

    public init(run: String, x: Double) {
        self.run = run
        self.x = x
    }
}

extension PlotSeries {
    /// The index of the point whose x is nearest `x` (in log x when both are positive).
    func nearestIndex(toX x: Double) -> Int? {
        guard !points.isEmpty else { return nil }
        // Points come in log order, x non-decreasing: a binary search finds the neighbours.
        var lo = 0, hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if points[mid].x < x { lo = mid + 1 } else { hi = mid }
        }
        let candidates = [lo - 1, lo].filter { $0 >= 0 && $0 < points.count }
        func distance(_ k: Int) -> Double {
            let p = points[k].x
            return p > 0 && x > 0 ? abs(log(p / x)) : abs(p - x)
        }
        return candidates.min { distance($0) < distance($1) }
    }

    /// The loss where the curve passes `x`, interpolated in log-log between the points on
    /// either side; nil outside the points' x range.
    func loss(atX x: Double) -> Double? {
        guard let first = points.first, let last = points.last, x >= first.x, x <= last.x else { return nil }
        var lo = 0, hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if points[mid].x < x { lo = mid + 1 } else { hi = mid }
        }
        let b = points[min(lo, points.count - 1)]
        guard lo > 0, b.x != x else { return b.loss }
        let a = points[lo - 1]
        guard a.x > 0, b.x > a.x, a.loss > 0, b.loss > 0 else { return a.loss }
        let t = log(x / a.x) / log(b.x / a.x)
        return exp(log(a.loss) + t * log(b.loss / a.loss))
    }
}

extension PlotModel {
    /// The series a cursor is on, and the index of its point.
    func locate(_ cursor: PlotCursor) -> (series: PlotSeries, index: Int)? {
        guard let series = series.first(where: { $0.name == cursor.run }), let index = series.nearestIndex(toX: cursor.x) else { return nil }
        return (series, index)
    }

    /// Where the cursor starts: the latest point of `run` when it has points, else of the first
    /// run that has any among `allowed` (nil: every run).
    func cursor(startingAt run: String?, allowed: Set<String>?) -> PlotCursor? {
        let usable = series.filter { !$0.points.isEmpty && (allowed?.contains($0.name) ?? true) }
        guard let series = usable.first(where: { $0.name == run }) ?? usable.first, let last = series.points.last else { return nil }
        return PlotCursor(run: series.name, x: last.x)
    }

    /// The cursor moved along its run by at least `pixels` of `axis` (a cell is two braille
    /// pixels wide) in `direction` (+1 right, −1 left), onto the first point that far; at the
    /// run's end it stays.
    func cursor(_ cursor: PlotCursor, movedAlong direction: Int, pixels: Double, axis: LogAxis, width: Int) -> PlotCursor {
        guard let (series, index) = locate(cursor) else { return cursor }
        let here = axis.pixel(series.points[index].x, pixels: width)
        var k = index + direction
        while k >= 0 && k < series.points.count {
            if abs(axis.pixel(series.points[k].x, pixels: width) - here) >= pixels - 1e-9 { break }
            k += direction
        }
        let landed = min(max(k, 0), series.points.count - 1)
        return PlotCursor(run: cursor.run, x: series.points[landed].x)
    }

    /// The cursor moved to the run drawn next above (`direction` −1: higher loss) or below (+1)
    /// at the cursor's x, among runs whose points span that x and that are in `allowed`; it
    /// lands on that run's nearest point. With no run there, it stays.
    func cursor(_ cursor: PlotCursor, movedAcross direction: Int, allowed: Set<String>?) -> PlotCursor {
        guard let (series, index) = locate(cursor) else { return cursor }
        let here = series.points[index]
        var best: (series: PlotSeries, gap: Double)?
        for other in self.series where other.name != series.name && (allowed?.contains(other.name) ?? true) {
            guard let loss = other.loss(atX: here.x), loss > 0, here.loss > 0 else { continue }
            // Up the screen is a higher loss.
            let gap = direction < 0 ? log(loss / here.loss) : log(here.loss / loss)
            guard gap > 0 || (gap == 0 && other.slot > series.slot) else { continue }
            if best == nil || gap < best!.gap { best = (other, gap) }
        }
        guard let target = best?.series, let k = target.nearestIndex(toX: here.x) else { return cursor }
        return PlotCursor(run: target.name, x: target.points[k].x)
    }
}
