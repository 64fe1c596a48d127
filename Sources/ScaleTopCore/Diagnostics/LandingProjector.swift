import Foundation

/// Whether a run in progress lands on the envelope fit's line at its planned final compute.
public enum LandingVerdict: String, Sendable, CaseIterable {
    case on, above, below
}

/// The run's own curve extrapolated to its planned end, beside the envelope fit's prediction there.
/// Fields are nil when they cannot be given; `note` then says why (and otherwise states caveats).
public struct LandingProjection: Sendable, Equatable {
    /// The planned end (FLOPs).
    public var finalFlops: Double?
    /// The envelope fit's L(final_flops), and the band it is compared within.
    public var predictedLoss: Double?
    public var predictedLow: Double?
    public var predictedHigh: Double?
    /// This run's curve extrapolated to final_flops, and its uncertainty (≈ 1 σ, both sides).
    public var projectedLoss: Double?
    public var projectedLow: Double?
    public var projectedHigh: Double?
    /// The 10–90 % range of the projection.
    public var projectedBandLow: Double?
    public var projectedBandHigh: Double?
    /// The learning-rate schedule the projection used (its declared name, "knots", "inferred cosine"...,
    /// "assumed constant"), if any.
    public var schedule: String?
    /// The fitted l(c) = e + k·(c/c_now)^−γ (nil without a fit).
    public var e: Double?
    public var k: Double?
    public var gamma: Double?
    /// Share of the planned compute done.
    public var progress: Double?
    public var verdict: LandingVerdict?
    /// Why there is no verdict, or nil.
    public var note: String?
    /// Where the schedule in use departs from what was declared (a logged LR that differs, a
    /// malformed declaration replaced by the logged LR), if anywhere.
    public var scheduleNote: String?
    /// The expected loss from the run's latest point to its planned end (`LandingPath`), for drawing.
    public var path: [LandingPathPoint] = []

    public var projectedBand: (Double, Double)? {
        guard let projectedBandLow, let projectedBandHigh else { return nil }
        return (projectedBandLow, projectedBandHigh)
    }
}

/// Projection model: the smoothed curve's nodes over the last 75 % of the compute so far (and past
/// the warm-up) are fitted, in loss units, with l(c) = e + k·(c/c_now)^−γ: for each γ on a log grid
/// from 0.02 to 3, (e, k) by least squares with a Gaussian prior e ~ N(E, (0.25·E)²) from the
/// envelope fit's irreducible loss E (none for a pure power law), e clamped to [0, min loss], k ≥ 0;
/// the γ with the smallest objective wins. Uncertainty: the range of projections over every γ whose
/// objective is within 4·s² of the best (s² the residual variance, at least the nodes' noise; ×4
/// because neighbouring nodes share three quarters of their points), combined with the latest node's
/// standard error and an empirical extrapolation error of `extrapolationError` (3 %) × ln(final/now).
///
/// Verdict: `above` when the projection's interval lies wholly above the band, `below` when wholly
/// below, else `on`. The band is `bandAtFinal` when the caller gives one, else the prediction
/// ± `landingTolerance` (1 %). Schedules: mid-schedule points of a cosine or WSD run sit above where
/// the run will end (the drop comes with the annealing), and the power law does not model that drop;
/// so the interval's low side reaches a further `annealingAllowance` (3 %) × the share of the planned
/// compute still ahead. A run that reached its end is compared by its final smoothed loss alone.
/// Stability: the fit reads medians, not points; and with `previousVerdict` a verdict changes only
/// when the interval clears the boundary by a margin (half the uncertainty + 0.2 % of the prediction).
/// Honesty: no verdict without a planned end, a FLOPs axis or an envelope fit, before
/// `projectionMinimumProgress` (20 %) of the planned compute, or with fewer than
/// `projectionMinimumNodes` smoothed points to fit.
public enum LandingProjector {
    public static func project(
        _ series: CurveSeries, curve: SmoothedCurve, warmupEnd: Double, context: RunDiagnosticsContext,
        options: DiagnosticsOptions
    ) -> LandingProjection? {
        guard let planned = series.plannedX else { return nil }
        var p = LandingProjection()
        guard series.axis == .flops else {
            p.note = "the run has no FLOPs axis (params unknown), so it cannot be set against the envelope."
            return p
        }
        p.finalFlops = planned
        guard let fit = context.envelopeFit else {
            p.note = "no envelope fit yet."
            return p
        }
        let predicted = fit.loss(at: planned)
        guard predicted.isFinite, predicted > 0 else {
            p.note = "the envelope fit gives no loss at the planned compute."
            return p
        }
        p.predictedLoss = predicted
        if let band = context.bandAtFinal {
            p.predictedLow = min(band.low, predicted)
            p.predictedHigh = max(band.high, predicted)
        } else {
            p.predictedLow = predicted * (1 - options.landingTolerance)
            p.predictedHigh = predicted * (1 + options.landingTolerance)
        }
        guard let tip = curve.logX.indices.last else {
            p.note = "no usable loss yet."
            return p
        }
        let tNow = curve.logX[tip]
        let progress = min(exp(tNow) / planned, 1)
        p.progress = progress
        guard progress >= options.projectionMinimumProgress else {
            p.note = "only \(RunDiagnostics.percent(progress, digits: 0)) of the planned compute done; no verdict before \(RunDiagnostics.percent(options.projectionMinimumProgress, digits: 0))."
            return p
        }

        var scheduleNote: String?
        switch context.schedule {
        case let .failure(failure)?: scheduleNote = "learning-rate schedule not used: \(failure.message)."
        case let .success(schedule)?:
            scheduleNote = schedule.note
            p.scheduleNote = schedule.note
        case nil: break
        }
        if progress < 0.999, let landing = context.landing {
            var estimate: SweepLandingModel.Estimate?
            if case let .success(schedule)? = context.schedule {
                estimate = landing.projectWithSchedule(series, schedule: schedule, params: context.params)
            }
            if estimate == nil { estimate = landing.projectWithoutSchedule(series, curve: curve, params: context.params) }
            if let estimate {
                let projected = exp(estimate.logLoss)
                p.projectedLoss = projected
                p.projectedLow = exp(estimate.logLoss - estimate.sigma)
                p.projectedHigh = exp(estimate.logLoss + estimate.sigma)
                p.projectedBandLow = exp(estimate.logLoss - bandQuantile * estimate.sigma)
                p.projectedBandHigh = exp(estimate.logLoss + bandQuantile * estimate.sigma)
                p.schedule = estimate.schedule
                p.note = scheduleNote
                p.verdict = verdict(low: p.projectedBandLow!, high: p.projectedBandHigh!, uncertainty: projected * estimate.sigma,
                                    projection: p, predicted: predicted, previous: context.previousVerdict)
                return p
            }
        }
        p.note = scheduleNote

        let tipError = curve.loss(tip) * curve.standardError(tip)
        var projected: Double
        var uncertainty: Double
        if progress >= 0.999 {
            projected = curve.loss(tip)
            uncertainty = tipError
        } else {
            let start = max(warmupEnd, tNow + log(options.projectionFitFrom))
            let first = (curve.node(atOrBefore: start).map { $0 + 1 }) ?? 0
            guard tip - first + 1 >= options.projectionMinimumNodes else {
                p.note = "too few smoothed points past the warm-up to extrapolate."
                return p
            }
            let prior: Double? = fit.isPurePowerLaw || fit.E <= 0 ? nil : fit.E
            guard let model = fitRunCurve(curve, nodes: first...tip, tNow: tNow, prior: prior,
                                          target: log(planned) - tNow) else {
                p.note = "the run's curve could not be fitted."
                return p
            }
            p.e = model.e
            p.k = model.k
            p.gamma = model.gamma
            projected = model.projected
            let extrapolation = options.extrapolationError * (log(planned) - tNow) * model.projected
            uncertainty = (model.halfRange * model.halfRange + tipError * tipError + extrapolation * extrapolation).squareRoot()
        }
        p.projectedLoss = projected
        p.projectedLow = projected - uncertainty
        p.projectedHigh = projected + uncertainty
        p.projectedBandLow = projected - bandQuantile * uncertainty
        p.projectedBandHigh = projected + bandQuantile * uncertainty

        let allowance = options.annealingAllowance * (1 - progress)
        let low = projected * (1 - allowance) - uncertainty
        let high = projected + uncertainty
        p.verdict = verdict(low: low, high: high, uncertainty: uncertainty, projection: p, predicted: predicted,
                            previous: context.previousVerdict)
        return p
    }

    /// The projection's 10–90 % band is its estimate ± this many standard deviations.
    static let bandQuantile = 1.2816

    /// `above` when [low, high] lies wholly above the predicted band, `below` when wholly below,
    /// else `on`; with a previous verdict, changing it takes a margin.
    static func verdict(low: Double, high: Double, uncertainty: Double, projection p: LandingProjection, predicted: Double,
                        previous: LandingVerdict?) -> LandingVerdict {
        let margin = 0.5 * uncertainty + 0.002 * predicted
        let aboveEdge = p.predictedHigh! + (previous == nil ? 0 : previous == .above ? -margin : margin)
        let belowEdge = p.predictedLow! - (previous == nil ? 0 : previous == .below ? -margin : margin)
        if low > aboveEdge { return .above }
        if high < belowEdge { return .below }
        return .on
    }

    struct RunCurveModel {
        var e: Double, k: Double, gamma: Double, projected: Double, halfRange: Double
    }

    /// Fits e + k·u^−γ, u = c/c_now, to the nodes; projects to ln u = `target`.
    static func fitRunCurve(_ curve: SmoothedCurve, nodes: ClosedRange<Int>, tNow: Double, prior: Double?,
                            target: Double) -> RunCurveModel? {
        let n = nodes.count
        var lossValues = [Double](), logU = [Double](), noise = [Double]()
        for j in nodes {
            lossValues.append(curve.loss(j))
            logU.append(curve.logX[j] - tNow)
            noise.append(curve.loss(j) * curve.standardError(j))
        }
        let minLoss = lossValues.min() ?? 0
        let nodeNoise = max(noise.sorted()[n / 2], 1e-4 * minLoss)
        let lambda: Double = prior.map { (nodeNoise / (0.25 * $0)) * (nodeNoise / (0.25 * $0)) } ?? 0
        let e0 = prior ?? 0

        var results: [(sse: Double, model: RunCurveModel)] = []
        let steps = 48
        for g in 0..<steps {
            let gamma = 0.02 * pow(150, Double(g) / Double(steps - 1))
            var su = 0.0, suu = 0.0, sl = 0.0, slu = 0.0
            var u = [Double](repeating: 0, count: n)
            for i in 0..<n {
                u[i] = exp(-gamma * logU[i])
                su += u[i]; suu += u[i] * u[i]; sl += lossValues[i]; slu += lossValues[i] * u[i]
            }
            let a11 = Double(n) + lambda, a12 = su, a22 = suu
            let b1 = sl + lambda * e0, b2 = slu
            let det = a11 * a22 - a12 * a12
            guard det.magnitude > 1e-300 else { continue }
            var e = (b1 * a22 - a12 * b2) / det
            var k = (a11 * b2 - a12 * b1) / det
            if e < 0 || e > minLoss || k < 0 {
                e = min(max(e, 0), minLoss)
                k = max(0, (slu - e * su) / suu)
            }
            var sse = lambda * (e - e0) * (e - e0)
            for i in 0..<n {
                let r = lossValues[i] - e - k * u[i]
                sse += r * r
            }
            let projected = e + k * exp(-gamma * target)
            results.append((sse, RunCurveModel(e: e, k: k, gamma: gamma, projected: projected, halfRange: 0)))
        }
        guard let best = results.min(by: { $0.sse < $1.sse }) else { return nil }
        let s2 = max(best.sse / Double(max(n - 3, 1)), nodeNoise * nodeNoise)
        let accepted = results.filter { $0.sse - best.sse <= 4 * s2 }.map(\.model.projected)
        var model = best.model
        model.halfRange = 0.5 * ((accepted.max() ?? model.projected) - (accepted.min() ?? model.projected))
        return model
    }
}
