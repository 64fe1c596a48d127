import Foundation

/// Chinchilla's approach 1 as Hoffmann et al. 2022 ran it: each run's loss curve interpolated
/// (linearly in log-log between its points), the minimum over runs taken at `count` compute
/// values log-spaced over the range, and made non-increasing (the best loss reached at or below
/// each compute). Sampling in log compute gives each decade the same weight in the fit, whatever
/// the logging density of the runs that happen to form the frontier there, so alpha drifts less
/// as the largest run's last points arrive. 1500 samples, as Hoffmann et al. used (the drift
/// with each choice: README, "Measurements behind the defaults").
public struct FrontierSampler: Sendable {
    public var count: Int

    /// Hoffmann et al.'s number of samples.
    public static let defaultCount = 1500

    public init(count: Int = FrontierSampler.defaultCount) { self.count = max(2, count) }

    /// - Parameter curves: each run's (compute, loss) points in increasing compute, usable only.
    public func sample(_ curves: [[ComputeLossPoint]]) -> [ComputeLossPoint] {
        let curves = curves.filter { !$0.isEmpty }
        let logCurves = curves.map { curve in curve.map { (Foundation.log($0.compute), Foundation.log($0.loss)) } }
        guard let first = curves.map({ $0[0].compute }).min(), let last = curves.map({ $0[$0.count - 1].compute }).max(),
              last > first
        else {
            // One compute value at most: the best loss there.
            return curves.flatMap { $0 }.min { $0.loss < $1.loss }.map { [$0] } ?? []
        }
        let lo = Foundation.log(first)
        let hi = Foundation.log(last)
        var cursors = [Int](repeating: 0, count: logCurves.count)
        var samples: [ComputeLossPoint] = []
        var runningBest = Double.infinity
        for g in 0..<count {
            let x = lo + (hi - lo) * Double(g) / Double(count - 1)
            var best = Double.infinity
            for (r, curve) in logCurves.enumerated() where curve[0].0 <= x || (g == 0 && curves[r][0].compute == first) {
                // Cursors only move forward: the grid is increasing.
                var j = cursors[r]
                while j + 1 < curve.count && curve[j + 1].0 <= x { j += 1 }
                cursors[r] = j
                if j + 1 < curve.count && x > curve[j].0 {
                    let f = (x - curve[j].0) / (curve[j + 1].0 - curve[j].0)
                    best = min(best, Foundation.exp(curve[j].1 + f * (curve[j + 1].1 - curve[j].1)))
                } else {
                    // At a point, or past the run's last one (its losses still count for "the
                    // best loss at or below this compute"): the logged value itself.
                    best = min(best, curves[r][j].loss)
                }
            }
            runningBest = min(runningBest, best)
            guard runningBest.isFinite else { continue }
            let compute = g == 0 ? first : (g == count - 1 ? last : Foundation.exp(x))
            samples.append(ComputeLossPoint(compute: compute, loss: runningBest))
        }
        return samples
    }
}
