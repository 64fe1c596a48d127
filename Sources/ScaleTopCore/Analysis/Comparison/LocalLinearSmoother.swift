import Foundation

/// A run's loss curve with its logging noise averaged out: each point's ln L replaced by a
/// straight line's value fitted (least squares in ln C) through it and its neighbours on each
/// side, `halfWidthFraction` of the curve's points (so a run logged 20 times is left as it is). A line, not a mean, so that a falling curve is not lifted at its
/// ends, where the window is one-sided.
///
/// Why: a frontier is a running minimum, and a minimum of noisy losses sits below the curve by
/// an amount that changes from seed to seed with the luckiest batches; two groups compared on
/// their raw frontiers differ by that luck as much as by their recipes.
public struct LocalLinearSmoother: Sendable {
    public var halfWidthFraction: Double

    public init(halfWidthFraction: Double) { self.halfWidthFraction = max(0, halfWidthFraction) }

    /// `curve` in increasing compute; the same computes, smoothed losses.
    public func smooth(_ curve: [ComputeLossPoint]) -> [ComputeLossPoint] {
        let halfWidth = Int(halfWidthFraction * Double(curve.count))
        guard halfWidth > 0, curve.count > 2 else { return curve }
        let x = curve.map { Foundation.log($0.compute) }, y = curve.map { Foundation.log($0.loss) }
        return curve.indices.map { k in
            let lo = max(0, k - halfWidth), hi = min(curve.count - 1, k + halfWidth)
            let n = Double(hi - lo + 1)
            var sx = 0.0, sy = 0.0
            for j in lo...hi { sx += x[j]; sy += y[j] }
            let mx = sx / n, my = sy / n
            var sxx = 0.0, sxy = 0.0
            for j in lo...hi { sxx += (x[j] - mx) * (x[j] - mx); sxy += (x[j] - mx) * (y[j] - my) }
            let slope = sxx > 0 ? sxy / sxx : 0
            return ComputeLossPoint(compute: curve[k].compute, loss: Foundation.exp(my + slope * (x[k] - mx)))
        }
    }
}
