import Foundation

/// Bootstrap band for `EnvelopeFit.loss(at:)`.
///
/// Procedure: draw `resamples` resamples of the envelope points with replacement (each the same
/// size as the envelope; a point drawn k times gets weight k), refit each with the same law as
/// the point fit (with or without E) by a local optimisation started at the point fit's
/// optimum, evaluate the refit at the target compute, and report the `lowerQuantile` and
/// `upperQuantile` of those predictions (linear interpolation, NumPy's default). The generator
/// is SplitMix64 seeded with `seed`, so the same envelope always gives the same band.
///
/// What it captures: sensitivity of the fit to which envelope points happen to exist. What it
/// does not: error of the functional form itself, and correlation between neighbouring envelope
/// points (they come from the same runs), so real envelopes cover the truth less often than the
/// nominal 80 % (its coverage on synthetic envelopes: README, "Measurements behind the defaults").
public struct EnvelopeBandEstimator: Sendable {
    public var resamples: Int = 200
    public var seed: UInt64 = 0x5CA1_E70B
    public var lowerQuantile: Double = 0.1
    public var upperQuantile: Double = 0.9
    public var solver: EnvelopeFitSolver

    public init(options: EnvelopeFitOptions = EnvelopeFitOptions()) {
        solver = EnvelopeFitSolver(options: options)
    }

    /// The band of `fit` (made from `points`) at `compute` FLOPs; nil when fewer than half the
    /// resamples could be fitted.
    public func band(for fit: EnvelopeFit, points: [ComputeLossPoint], atCompute compute: Double) -> EnvelopeBand? {
        let usable = points.filter(\.isUsable)
        guard !usable.isEmpty, compute > 0 else { return nil }
        var sample = EnvelopeSample(points: usable)
        var generator = SplitMix64(seed: seed)
        var predictions: [Double] = []
        predictions.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for index in 0..<sample.count { sample.weights[index] = 0 }
            for _ in 0..<sample.count { sample.weights[uniformIndex(below: sample.count, using: &generator)] += 1 }
            if let loss = solver.resampledLoss(sample, like: fit, at: compute), loss.isFinite {
                predictions.append(loss)
            }
        }
        guard predictions.count * 2 >= resamples,
              let low = quantile(predictions, lowerQuantile), let high = quantile(predictions, upperQuantile)
        else { return nil }
        return EnvelopeBand(low: low, high: high, resamples: predictions.count)
    }
}
