import Foundation

extension EnvelopeFitSolver {
    /// The laws of `resamples` bootstrap resamples of `points` (with replacement, a point drawn
    /// k times weighing k), each refitted like `fit` and warm from its optimum: the same
    /// resampling as `EnvelopeBandEstimator`, keeping whole laws so that two groups' resamples
    /// can be paired. A resample whose fit failed is nil, so the i-th entries of two calls pair.
    public func resampledLaws(of fit: EnvelopeFit, points: [ComputeLossPoint], resamples: Int, seed: UInt64) -> [EnvelopeLaw?] {
        let usable = points.filter(\.isUsable)
        guard !usable.isEmpty else { return [] }
        var sample = EnvelopeSample(points: usable)
        var generator = SplitMix64(seed: seed)
        let huber = HuberLoss(delta: options.huberDelta)
        let shift = fit.logReferenceCompute - sample.logReferenceCompute
        var laws: [EnvelopeLaw?] = []
        laws.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for index in 0..<sample.count { sample.weights[index] = 0 }
            for _ in 0..<sample.count { sample.weights[uniformIndex(below: sample.count, using: &generator)] += 1 }
            let law: EnvelopeLaw?
            if !fit.isPurePowerLaw, let optimum = fit.saturatingOptimum {
                let objective = SaturatingPowerLawObjective(sample: sample, huber: huber)
                let start = [optimum[0] - optimum[1] * shift, optimum[1], optimum[2]]
                let found = options.minimizer.minimize(from: start, objective: objective.evaluate)
                let p = found.point
                law = found.value.isFinite
                    ? EnvelopeLaw(E: Foundation.exp(p[2]), logA: p[0] + p[1] * sample.logReferenceCompute, alpha: p[1]) : nil
            } else {
                let objective = PurePowerLawObjective(sample: sample, huber: huber)
                let start = [fit.pureOptimum[0] - fit.pureOptimum[1] * shift, fit.pureOptimum[1]]
                let found = options.minimizer.minimize(from: start, objective: objective.evaluate)
                let p = found.point
                law = found.value.isFinite ? EnvelopeLaw(E: 0, logA: p[0] + p[1] * sample.logReferenceCompute, alpha: p[1]) : nil
            }
            laws.append(law)
        }
        return laws
    }
}
