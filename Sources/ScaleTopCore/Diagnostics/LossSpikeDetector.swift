import Foundation

/// A stretch of points well above the smoothed curve: an event to mark on the plot, not a status.
/// A spike that recovers is neither a plateau nor a divergence.
public struct LossSpike: Sendable, Equatable {
    /// Indices into the series (first and last point above the curve).
    public var firstIndex: Int
    public var lastIndex: Int
    /// Highest loss over the smoothed curve at that point (e.g. 2.5 = 150 % above).
    public var peakRatio: Double
    /// False while the latest point is still part of the spike.
    public var recovered: Bool
}

/// Rule: a point is *high* when its loss exceeds the smoothed curve there by more than
/// `spikeFraction` (10 %) and by more than 6 noise σ; high points no more than 2 normal points
/// apart form one spike.
public enum LossSpikeDetector {
    public static func spikes(in series: CurveSeries, curve: SmoothedCurve, options: DiagnosticsOptions) -> [LossSpike] {
        guard !curve.isEmpty else { return [] }
        let threshold = max(log1p(options.spikeFraction), 6 * curve.noise)
        var spikes: [LossSpike] = []
        var current: LossSpike?
        var normalRun = 0
        var lastUsable = -1
        var reader = SmoothedCurve.Reader(curve)
        // Most points sit under the lowest of the curve's nearby nodes plus the threshold, so under
        // the curve interpolated between them: told so without a logarithm (a point's node found
        // on x itself; the lowest of four nodes, which covers an off-by-one in either direction).
        let nodeX = curve.logX.map { exp($0) }
        var bound = [Double](repeating: 0, count: curve.count)
        for k in 0..<curve.count {
            bound[k] = exp(curve.logLoss[max(k - 1, 0)...min(k + 2, curve.count - 1)].min()! + threshold)
        }
        var node = 0
        // A point under the threshold: three in a row end the spike under way.
        func normal() {
            guard current != nil else { return }
            normalRun += 1
            if normalRun > 2 {
                current!.recovered = true
                spikes.append(current!)
                current = nil
            }
        }
        for i in 0..<series.count {
            let x = series.x[i], l = series.loss[i]
            guard x.isFinite, x > 0, l.isFinite, l > 0 else { continue }
            if node + 1 < nodeX.count, x < nodeX[node] { node = 0 }
            while node + 1 < nodeX.count, nodeX[node + 1] <= x { node += 1 }
            if node + 1 < nodeX.count, x > nodeX[0], x < nodeX[node + 1], l <= bound[node] {
                lastUsable = i
                normal()
                continue
            }
            guard let base = reader.value(atLogX: log(x)) else { continue }
            lastUsable = i
            let excess = log(l) - base.logLoss
            if excess > threshold {
                if current == nil { current = LossSpike(firstIndex: i, lastIndex: i, peakRatio: exp(excess), recovered: false) }
                current!.lastIndex = i
                current!.peakRatio = max(current!.peakRatio, exp(excess))
                normalRun = 0
            } else {
                normal()
            }
        }
        if var open = current {
            open.recovered = open.lastIndex < lastUsable
            spikes.append(open)
        }
        return spikes
    }
}
