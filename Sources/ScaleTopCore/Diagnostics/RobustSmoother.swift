import Foundation

/// A run's curve smoothed robustly on the log x axis: ln loss at nodes spaced `window / 4` apart in
/// ln x from the first point, and one at exactly the latest point. Each node's value is the **median** of ln loss over the
/// points in its trailing window (ln x − window, ln x] — distance-aware (a window is a share of the
/// compute so far, however densely the run logs) and causal (a value never looks ahead, so a value
/// does not change as later points arrive, and evaluating a growing run gives what the live view saw).
/// The median ignores spikes shorter than half a window and adds no lag beyond half a window.
public struct SmoothedCurve: Sendable, Equatable {
    /// Node positions, ln x, increasing; the last is the latest point's.
    public var logX: [Double] = []
    /// Median ln loss of each node's window.
    public var logLoss: [Double] = []
    /// Points each node's median rests on.
    public var support: [Int] = []
    /// Robust per-point noise of ln loss (σ, from the MAD of successive differences).
    public var noise: Double = 0

    public var count: Int { logX.count }
    public var isEmpty: Bool { logX.isEmpty }

    /// Standard error of node `i`'s median (√(π/2)·σ/√n, the median's for Gaussian noise).
    public func standardError(_ i: Int) -> Double {
        1.2533 * noise / Double(max(support[i], 1)).squareRoot()
    }

    /// The smoothed loss (not its log) at node `i`.
    public func loss(_ i: Int) -> Double { exp(logLoss[i]) }

    /// Index of the last node at or before `lx`, or nil before the first.
    public func node(atOrBefore lx: Double) -> Int? {
        let after = logX.partitionPoint { $0 <= lx }
        return after == 0 ? nil : after - 1
    }

    /// Reads `value(atLogX:)` for positions that mostly increase, walking from the last node found
    /// instead of searching from scratch: a pass over a run's points costs O(points + nodes).
    public struct Reader {
        let curve: SmoothedCurve
        var node = 0

        public init(_ curve: SmoothedCurve) { self.curve = curve }

        public mutating func value(atLogX lx: Double) -> (logLoss: Double, error: Double)? {
            let nodes = curve.logX
            guard let first = nodes.first, lx >= first else { return nil }
            if node >= nodes.count || nodes[node] > lx { node = 0 }
            while node + 1 < nodes.count, nodes[node + 1] <= lx { node += 1 }
            return curve.interpolate(lx, from: node)
        }
    }

    /// ln loss interpolated linearly at `lx` (nil outside the nodes), with the nearer node's error.
    public func value(atLogX lx: Double) -> (logLoss: Double, error: Double)? {
        node(atOrBefore: lx).flatMap { interpolate(lx, from: $0) }
    }

    /// The value at `lx` between node `i` (the last at or before it) and the next.
    private func interpolate(_ lx: Double, from i: Int) -> (logLoss: Double, error: Double)? {
        if i == logX.count - 1 { return lx <= logX[i] + 1e-12 ? (logLoss[i], standardError(i)) : nil }
        let t = (lx - logX[i]) / max(logX[i + 1] - logX[i], 1e-300)
        let near = t < 0.5 ? i : i + 1
        return (logLoss[i] + t * (logLoss[i + 1] - logLoss[i]), standardError(near))
    }
}

/// Builds a `SmoothedCurve` from a series. O(n + nodes · cap · log cap).
public struct RobustSmoother: Sendable {
    public var window: Double
    public var minimumPoints: Int
    public var maximumPoints: Int

    public init(options: DiagnosticsOptions = DiagnosticsOptions()) {
        window = options.smoothingWindow
        minimumPoints = options.smoothingMinimumPoints
        maximumPoints = options.smoothingMaximumPoints
    }

    /// Smooths the usable points (finite x > 0, finite loss > 0) of `series`.
    public func smooth(_ series: CurveSeries) -> SmoothedCurve {
        let points = Self.logPoints(series)
        return smooth(logX: points.logX, logLoss: points.logLoss)
    }

    /// The usable points (finite x > 0, finite loss > 0) of `series` as ln x (sorted) and ln loss.
    public static func logPoints(_ series: CurveSeries) -> (logX: [Double], logLoss: [Double]) {
        var lx: [Double] = []
        var ly: [Double] = []
        lx.reserveCapacity(series.count)
        ly.reserveCapacity(series.count)
        var sorted = true
        for i in 0..<series.count {
            let x = series.x[i], l = series.loss[i]
            guard x.isFinite, x > 0, l.isFinite, l > 0 else { continue }
            let v = log(x)
            if let last = lx.last, v < last { sorted = false }
            lx.append(v)
            ly.append(log(l))
        }
        if !sorted {
            let order = lx.indices.sorted { lx[$0] < lx[$1] }
            lx = order.map { lx[$0] }
            ly = order.map { ly[$0] }
        }
        return (lx, ly)
    }

    /// Smooths points given as ln x (non-decreasing) and ln loss.
    public func smooth(logX lx: [Double], logLoss ly: [Double]) -> SmoothedCurve {
        smooth(logX: lx, logLoss: ly, reusing: nil, settled: 0)
    }

    /// As `smooth(logX:logLoss:)`, keeping the nodes of `previous` (the curve of earlier points)
    /// that rest only on the first `settled` points, which must be the first points `previous`
    /// was smoothed from, with every later point at or past them in x. Nodes sit at
    /// ln x₀ + k · spacing and the latest point's ln x, and a node's value reads no point past it,
    /// so a kept node is what smoothing from scratch would give.
    func smooth(logX lx: [Double], logLoss ly: [Double], reusing previous: SmoothedCurve?, settled: Int) -> SmoothedCurve {
        var curve = SmoothedCurve()
        guard let first = lx.first, let end = lx.last else { return curve }
        curve.noise = Self.noise(ly)
        let spacing = window / 4
        let nodes = Int(((end - first) / spacing).rounded(.down)) + 1
        curve.logX.reserveCapacity(nodes + 1)
        curve.logLoss.reserveCapacity(nodes + 1)
        curve.support.reserveCapacity(nodes + 1)
        var k = 0
        if let previous, settled > 0, settled <= lx.count, previous.logX.first == first {
            // Every node but the latest that lies before the last settled point.
            let limit = lx[settled - 1] - 1e-12
            while k < previous.count - 1, previous.logX[k] < limit { k += 1 }
            curve.logX.append(contentsOf: previous.logX[..<k])
            curve.logLoss.append(contentsOf: previous.logLoss[..<k])
            curve.support.append(contentsOf: previous.support[..<k])
        }
        var scratch = [Double](repeating: 0, count: maximumPoints)
        var lo = 0
        var hi = 0
        func add(_ t: Double) {
            while hi < lx.count, lx[hi] <= t + 1e-12 { hi += 1 }
            while lo < hi, lx[lo] <= t - window { lo += 1 }
            guard hi > 0 else { return }
            let start = hi - lo < minimumPoints ? max(0, hi - minimumPoints) : lo
            let n = hi - start
            let stride = (n + maximumPoints - 1) / maximumPoints
            var m = 0
            var i = hi - 1
            while i >= start {
                scratch[m] = ly[i]
                m += 1
                i -= stride
            }
            curve.logX.append(t)
            curve.logLoss.append(Self.median(&scratch, m))
            curve.support.append(m)
        }
        if k > 0 {
            // The window pointers where the first node computed here (or the latest) needs them.
            let t = min(first + Double(k) * spacing, end)
            hi = Self.upperBound(lx, t + 1e-12)
            lo = min(Self.upperBound(lx, t - window), hi)
        }
        while k < nodes {
            let t = first + Double(k) * spacing
            if t >= end - 1e-9 { break }
            add(t)
            k += 1
        }
        add(end)
        return curve
    }

    /// First index whose value is greater than `value` (values non-decreasing).
    private static func upperBound(_ values: [Double], _ value: Double) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Median of the first `count` values of `buffer` (reorders them).
    static func median(_ buffer: inout [Double], _ count: Int) -> Double {
        buffer.withUnsafeMutableBufferPointer { Quickselect.median($0, count: max(count, 1)) }
    }

    /// Robust σ of the points' ln loss: 1.4826 · MAD of successive differences / √2, over the latest
    /// 1024 points (the most recent, full-resolution part of a thinned curve). The trend between
    /// neighbouring points is negligible beside their noise.
    static func noise(_ ly: [Double]) -> Double {
        let n = ly.count
        guard n >= 4 else { return 0 }
        let from = max(1, n - 1024)
        var diffs = [Double]()
        diffs.reserveCapacity(n - from)
        for i in from..<n { diffs.append(ly[i] - ly[i - 1]) }
        let count = diffs.count
        let mid = diffs.withUnsafeMutableBufferPointer { Quickselect.select($0, count: count, k: count / 2) }
        var deviations = diffs.map { abs($0 - mid) }
        let mad = deviations.withUnsafeMutableBufferPointer { Quickselect.select($0, count: count, k: count / 2) }
        return 1.4826 * mad / 2.0.squareRoot()
    }
}
