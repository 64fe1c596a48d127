import Foundation

/// Fits `EnvelopeFit`s: from scratch with a multi-start grid, or warm from a previous optimum.
public struct EnvelopeFitSolver: Sendable {
    public var options: EnvelopeFitOptions

    public init(options: EnvelopeFitOptions = EnvelopeFitOptions()) { self.options = options }

    /// Full fit: every start of the grid (α × E-fraction, with A matched to the data) run to a
    /// local optimum, the lowest objective kept. Nil with fewer than `minimumPoints` usable points.
    public func fit(_ points: [ComputeLossPoint]) -> EnvelopeFit? {
        let usable = points.filter(\.isUsable)
        guard usable.count >= max(options.minimumPoints, 2) else { return nil }
        let sample = EnvelopeSample(points: usable)
        return solve(sample, saturatingStarts: gridStarts(for: sample), pureStart: nil)
    }

    /// Warm fit: one local optimisation of each law from `previous`'s optima, re-expressed about
    /// the new envelope's centre. When `previous` had too few points for the law with E, that
    /// law gets the full grid instead. Nil with fewer than `minimumPoints` usable points.
    public func refit(_ points: [ComputeLossPoint], from previous: EnvelopeFit) -> EnvelopeFit? {
        let usable = points.filter(\.isUsable)
        guard usable.count >= max(options.minimumPoints, 2) else { return nil }
        let sample = EnvelopeSample(points: usable)
        // A_c·(C/C₀)^−α = A_c·(C₀/C₀')^−α·(C/C₀')^−α: shift a by −α·ln(C₀/C₀').
        let shift = previous.logReferenceCompute - sample.logReferenceCompute
        let saturating = previous.saturatingOptimum.map { [$0[0] - $0[1] * shift, $0[1], $0[2]] }
        let pure = [previous.pureOptimum[0] - previous.pureOptimum[1] * shift, previous.pureOptimum[1]]
        return solve(sample, saturatingStarts: saturating.map { [$0] } ?? gridStarts(for: sample), pureStart: pure)
    }

    /// Refit of the same law as `fit` on a weighted resample, warm from `fit`'s optimum: the
    /// bootstrap's inner step. Returns the fitted loss function's value at `compute`.
    func resampledLoss(_ sample: EnvelopeSample, like fit: EnvelopeFit, at compute: Double) -> Double? {
        let huber = HuberLoss(delta: options.huberDelta)
        let logCompute = Foundation.log(compute) - sample.logReferenceCompute
        let shift = fit.logReferenceCompute - sample.logReferenceCompute
        if !fit.isPurePowerLaw, let optimum = fit.saturatingOptimum {
            let objective = SaturatingPowerLawObjective(sample: sample, huber: huber)
            let start = [optimum[0] - optimum[1] * shift, optimum[1], optimum[2]]
            let found = options.minimizer.minimize(from: start, objective: objective.evaluate)
            guard found.value.isFinite else { return nil }
            let p = found.point
            return Foundation.exp(p[2]) + Foundation.exp(p[0] - p[1] * logCompute)
        }
        let objective = PurePowerLawObjective(sample: sample, huber: huber)
        let start = [fit.pureOptimum[0] - fit.pureOptimum[1] * shift, fit.pureOptimum[1]]
        let found = options.minimizer.minimize(from: start, objective: objective.evaluate)
        guard found.value.isFinite else { return nil }
        return Foundation.exp(found.point[0] - found.point[1] * logCompute)
    }

    /// Fits both laws and applies the identifiability rule of `EnvelopeFit.PurePowerLawReason`.
    private func solve(_ sample: EnvelopeSample, saturatingStarts: [[Double]], pureStart: [Double]?) -> EnvelopeFit? {
        let huber = HuberLoss(delta: options.huberDelta)
        let minimizer = options.minimizer
        let pureObjective = PurePowerLawObjective(sample: sample, huber: huber)
        // Convex, so one start suffices; least squares is a good one when there is no previous optimum.
        let pure = minimizer.minimize(from: pureStart ?? pureObjective.leastSquaresStart(), objective: pureObjective.evaluate)
        guard pure.value.isFinite else { return nil }

        var saturating: Minimum?
        if sample.count >= options.minimumPointsForIrreducibleLoss {
            let objective = SaturatingPowerLawObjective(sample: sample, huber: huber)
            for start in saturatingStarts {
                let found = minimizer.minimize(from: start, objective: objective.evaluate)
                if found.value.isFinite, saturating == nil || found.value < saturating!.value { saturating = found }
            }
        }

        let smallestLoss = Foundation.exp(sample.y.min() ?? 0)
        let evidence = saturating.map { evidenceStatistic(pure: pure.value, saturating: $0.value, count: sample.count) }
        var form = EnvelopeFit.Form.withIrreducibleLoss
        if let saturating, let evidence {
            if Foundation.exp(saturating.point[2]) < options.vanishingIrreducibleLossFraction * smallestLoss {
                form = .purePowerLaw(.irreducibleLossVanished)
            } else if !(evidence >= options.minimumEvidence) {
                form = .purePowerLaw(.weakEvidence)
            }
        } else {
            form = .purePowerLaw(.tooFewPoints)
        }

        let chosen: (logA: Double, alpha: Double, E: Double, objective: Double)
        if form == .withIrreducibleLoss, let s = saturating {
            chosen = (s.point[0], s.point[1], Foundation.exp(s.point[2]), s.value)
        } else {
            chosen = (pure.point[0], pure.point[1], 0, pure.value)
        }
        return EnvelopeFit(
            E: chosen.E,
            // A_c·(C/C₀)^−α = (A_c·C₀^α)·C^−α, so ln A = a + α·ln C₀.
            logA: chosen.logA + chosen.alpha * sample.logReferenceCompute,
            alpha: chosen.alpha, points: sample.count, objective: chosen.objective, form: form,
            evidenceForIrreducibleLoss: evidence,
            logReferenceCompute: sample.logReferenceCompute,
            saturatingOptimum: saturating?.point, pureOptimum: pure.point)
    }

    /// (n − 3)·(f_pure/f_E − 1); +∞ when the fit with E is exact and the pure law is not.
    private func evidenceStatistic(pure: Double, saturating: Double, count: Int) -> Double {
        guard pure > saturating else { return 0 }
        guard saturating > 0 else { return .infinity }
        return Double(count - 3) * (pure / saturating - 1)
    }

    /// Starts [a, α, e] of the full fit: for each α and each E = fraction × smallest loss,
    /// a = ln of the median of (L − E)·(C/C₀)^α, the A that puts the curve through the middle
    /// of the data, so each start begins near the data rather than orders of magnitude off.
    private func gridStarts(for sample: EnvelopeSample) -> [[Double]] {
        let smallestLoss = Foundation.exp(sample.y.min() ?? 0)
        var starts: [[Double]] = []
        for alpha in options.startExponents {
            for fraction in options.startIrreducibleFractions {
                let floor = fraction * smallestLoss
                var logCoefficients = (0..<sample.count).map { index in
                    Foundation.log(Foundation.exp(sample.y[index]) - floor) + alpha * sample.x[index]
                }
                logCoefficients.sort()
                starts.append([logCoefficients[logCoefficients.count / 2], alpha, Foundation.log(floor)])
            }
        }
        return starts
    }
}
