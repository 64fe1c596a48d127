import Foundation

/// What a sweep's finished runs teach about where a running run will land:
/// - with declared schedules, the `AnnealingCurveLaw` fitted across the finished runs (shared
///   exponent, momentum and drop strength; each run's level) and where the levels sit by size;
/// - without them, the sweep's L(N, D) (the parametric fit to final points) and how far above its
///   final loss each finished run was at each share of its plan, beyond what L(N, D) explains
///   (the cosine's mid-run excess, which the law of final points does not see).
/// Built once per set of finished runs; projecting a run from it costs microseconds.
public struct SweepLandingModel: Sendable {
    /// One finished run's mid-run excess: at share f of its plan, ln(loss / final) minus
    /// ln(L(N, f·D) / L(N, D)).
    struct Shape: Sendable {
        var shares: [Double]
        var excess: [Double]
        var params: Double

        func excess(atShare f: Double) -> Double? {
            guard let first = shares.first, let last = shares.last, f >= first, f <= last else { return nil }
            var lo = 0, hi = shares.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if shares[mid] <= f { lo = mid } else { hi = mid }
            }
            let span = shares[hi] - shares[lo]
            guard span > 0 else { return excess[lo] }
            return excess[lo] + (excess[hi] - excess[lo]) * (f - shares[lo]) / span
        }
    }

    public var law: ParametricFit?
    /// Spread of ln(final / L(N, D)) over the finished runs, corrected for the law's five parameters.
    var lawSpread = 0.0
    /// The least relative error granted to L(N, D) extrapolated to a larger run: its in-sample
    /// residuals understate it (the Li et al. sweep's larger runs land 1–2 % off the law of the smaller).
    static let lawSpreadFloor = 0.015
    var shapes: [Shape] = []
    public var annealing: AnnealingCurveLaw?
    var levels: [AnnealingCurveLaw.Level] = []
    /// Identifies the build (diagnoses cached under another one are redone).
    public var revision = 0

    public init() {}

    /// Whether `run` counts as a finished curve for the model: it reached 99 % of its planned steps
    /// or tokens (a log every 128 steps may stop short of the last one).
    public static func isComplete(_ run: Run) -> Bool {
        guard let last = run.last, last.hasUsableLoss else { return false }
        if RunStatusVerdict.basic(for: run).status == .finished { return true }
        if let planned = run.meta.totalSteps, last.step.isFinite, last.step >= 0.99 * planned { return true }
        if let planned = run.meta.plannedTokens, let tokens = run.tokens(of: last), tokens >= 0.99 * planned { return true }
        return false
    }

    /// The complete runs of `sweep` (`isComplete`) feed the model.
    public static func build(_ sweep: Sweep, law: ParametricFit?, revision: Int = 0) -> SweepLandingModel {
        var model = SweepLandingModel()
        model.revision = revision
        model.law = law
        var annealingCurves: [AnnealingCurveLaw.Curve] = []
        var residuals: [Double] = []
        for run in sweep.runs where isComplete(run) {
            let series = thinned(CurveSeries(run: run), to: 400)
            if case let .success(schedule)? = sweep.schedules[run.name], let curve = annealingCurve(series, schedule: schedule, params: run.meta.params) {
                annealingCurves.append(curve)
            }
            guard series.axis == .flops, let n = run.meta.params, let planned = series.plannedX else { continue }
            let curve = RobustSmoother(options: DiagnosticsOptions()).smooth(series)
            guard curve.count >= 4, let finalLog = curve.logLoss.last else { continue }
            let finalTokens = planned / (6 * n)
            // Without L(N, D) the excess is the plain ln(loss / final).
            let lawFinal = law?.loss(params: n, tokens: finalTokens) ?? 1
            if law != nil { residuals.append(finalLog - log(lawFinal)) }
            var shape = Shape(shares: [], excess: [], params: n)
            for j in 0..<curve.count {
                let share = exp(curve.logX[j]) / planned
                guard share > 0.05, share <= 1.0001 else { continue }
                let lawNow = law?.loss(params: n, tokens: share * finalTokens) ?? 1
                shape.shares.append(share)
                shape.excess.append(curve.logLoss[j] - finalLog - log(lawNow / lawFinal))
            }
            if shape.shares.count >= 3 { model.shapes.append(shape) }
        }
        if !residuals.isEmpty {
            let meanSquare = residuals.reduce(0) { $0 + $1 * $1 } / Double(residuals.count)
            let inflation = Double(residuals.count) / max(Double(residuals.count - 5), 0.5)
            model.lawSpread = max((meanSquare * inflation).squareRoot(), lawSpreadFloor)
        }
        if let fitted = AnnealingCurveLaw.fit(annealingCurves) {
            model.annealing = fitted.law
            model.levels = fitted.levels
        }
        return model
    }

    /// Every k-th point, so that at most about `limit` remain (the last one always).
    static func thinned(_ series: CurveSeries, to limit: Int) -> CurveSeries {
        guard series.count > limit else { return series }
        let stride = Double(series.count - 1) / Double(limit - 1)
        let picks = (0..<limit).map { Int((Double($0) * stride).rounded()) }
        var copy = series
        copy.x = picks.map { series.x[$0] }
        copy.loss = picks.map { series.loss[$0] }
        copy.step = picks.map { series.step[$0] }
        return copy
    }

    /// A run's points past the first tenth of its plan (and its warm-up) with a finite step and loss.
    static func annealingCurve(_ series: CurveSeries, schedule: LearningRateSchedule, params: Double?) -> AnnealingCurveLaw.Curve? {
        guard let total = series.plannedSteps else { return nil }
        let from = max(0.1 * total, schedule.peakStep)
        var steps: [Double] = [], losses: [Double] = []
        for i in 0..<series.count where series.step[i].isFinite && series.step[i] > from && series.loss[i].isFinite && series.loss[i] > 0 {
            if let last = steps.last, series.step[i] <= last { continue }
            steps.append(series.step[i])
            losses.append(series.loss[i])
        }
        return steps.count >= 8 ? AnnealingCurveLaw.Curve(steps: steps, losses: losses, schedule: schedule, params: params) : nil
    }

    /// A projection: ln of the loss at the planned end and its standard deviation (ln units).
    public struct Estimate: Sendable, Equatable {
        public var logLoss: Double
        public var sigma: Double
        public var schedule: String?
    }

    /// From the run's own curve (smoothed tip and its error) and the sweep's L(N, D); without
    /// L(N, D), from the run's curve and the finished runs' plain ratio of mid-run to final loss.
    func projectWithoutSchedule(_ series: CurveSeries, curve: SmoothedCurve, params: Double?) -> Estimate? {
        guard let n = params, series.axis == .flops, let planned = series.plannedX,
              let tip = curve.logX.indices.last else { return nil }
        let share = exp(curve.logX[tip]) / planned
        let excess = shapes.compactMap { $0.excess(atShare: share) }
        let finalTokens = planned / (6 * n)
        var meanExcess = 0.0, excessVariance = 0.0
        if excess.count >= 2 {
            meanExcess = excess.reduce(0, +) / Double(excess.count)
            excessVariance = excess.reduce(0) { $0 + ($1 - meanExcess) * ($1 - meanExcess) } / Double(excess.count - 1)
        }
        let tipError = curve.standardError(tip)
        let ownVariance = excessVariance * (1 + 1 / Double(max(excess.count, 1))) + tipError * tipError + 0.002 * 0.002
        guard let law else {
            // The plain excess moves with the model size: a line in ln N through the finished
            // runs, taken at this run's size.
            let points = shapes.compactMap { shape in shape.excess(atShare: share).map { (log(shape.params), $0) } }
            guard points.count >= 3, let trend = AnnealingCurveLaw.linearFit(points.map(\.0), points.map(\.1)) else { return nil }
            let x = log(n)
            let meanX = points.reduce(0) { $0 + $1.0 } / Double(points.count)
            let sxx = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
            let residualVariance = trend.sse / Double(max(points.count - 2, 1))
            let slopeError = (residualVariance / sxx).squareRoot()
            guard abs(trend.slope) > 3 * slopeError else {
                // No clear trend with size: the mean excess and its spread.
                return Estimate(logLoss: curve.logLoss[tip] - meanExcess, sigma: ownVariance.squareRoot(), schedule: nil)
            }
            let variance = residualVariance * (1 + 1 / Double(points.count) + (x - meanX) * (x - meanX) / sxx)
                + tipError * tipError + 0.003 * 0.003
            return Estimate(logLoss: curve.logLoss[tip] - (trend.intercept + trend.slope * x), sigma: variance.squareRoot(), schedule: nil)
        }
        let lawFinal = log(law.loss(params: n, tokens: finalTokens))
        guard lawFinal.isFinite else { return nil }
        let lawEstimate = Estimate(logLoss: lawFinal, sigma: max(lawSpread, Self.lawSpreadFloor), schedule: nil)
        guard excess.count >= 2 else { return lawEstimate }
        let lawNow = log(law.loss(params: n, tokens: share * finalTokens))
        let own = curve.logLoss[tip] - (lawNow - lawFinal) - meanExcess
        let lawVariance = lawEstimate.sigma * lawEstimate.sigma
        let weight = lawVariance / (lawVariance + ownVariance)

        // The two estimates share L(N, D)'s D-dependence, so their errors are not independent:
        // the combined spread is widened by a quarter over the independent one.
        return Estimate(logLoss: weight * own + (1 - weight) * lawFinal,
                        sigma: 1.25 * (lawVariance * ownVariance / (lawVariance + ownVariance)).squareRoot(), schedule: nil)
    }

    /// From the run's points so far and its declared schedule, under the sweep's annealing law.
    func projectWithSchedule(_ series: CurveSeries, schedule: LearningRateSchedule, params: Double?) -> Estimate? {
        guard let law = annealing, let total = series.plannedSteps, !levels.isEmpty,
              let curve = Self.annealingCurve(series, schedule: schedule, params: params) else { return nil }
        // Where this run's L0 should sit: the finished runs' levels, moved to its size.
        let priorL0: Double, priorSpread: Double
        let sameSize = levels.filter { l in params.flatMap { p in l.params.map { abs(log($0 / p)) < 0.05 } } ?? true }
        if !sameSize.isEmpty {
            let values = sameSize.map(\.l0)
            priorL0 = values.reduce(0, +) / Double(values.count)
            let spread = values.count > 1 ? (values.reduce(0) { $0 + ($1 - priorL0) * ($1 - priorL0) } / Double(values.count - 1)).squareRoot() : 0
            priorSpread = max(spread, 0.003 * priorL0)
        } else if let n = params, let floorLaw = self.law {
            let floor = { (m: Double) in floorLaw.E + floorLaw.A / pow(m, floorLaw.alpha) }
            let offsets = levels.compactMap { l in l.params.map { l.l0 - floor($0) } }
            guard !offsets.isEmpty else { return nil }
            let mean = offsets.reduce(0, +) / Double(offsets.count)
            priorL0 = floor(n) + mean
            let spread = offsets.count > 1 ? (offsets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(offsets.count - 1)).squareRoot() : 0
            priorSpread = max(spread, 0.01 * priorL0)
        } else {
            return nil
        }
        let areas = AnnealingCurveLaw.areas(schedule, steps: curve.steps + [total], lambda: law.lambda)
        let u = zip(areas.s1, areas.s2).map { law.regressor(s1: $0, s2: $1) }
        let uEnd = u.last!
        let uSeen = Array(u.dropLast())
        // Least squares for (L0, A) with L0 ~ N(priorL0, priorSpread²).
        var noise = 0.003 * (curve.losses.last ?? 1)
        var solution = (l0: priorL0, a: 0.0)
        var covariance = (c00: 0.0, c01: 0.0, c11: 0.0)
        for _ in 0..<2 {
            let w = 1 / (noise * noise), w0 = 1 / (priorSpread * priorSpread)
            var s00 = w0, s01 = 0.0, s11 = 0.0, b0 = w0 * priorL0, b1 = 0.0
            for (x, y) in zip(uSeen, curve.losses) {
                s00 += w; s01 += w * x; s11 += w * x * x; b0 += w * y; b1 += w * x * y
            }
            let det = s00 * s11 - s01 * s01
            guard det > 0 else { return nil }
            solution = ((s11 * b0 - s01 * b1) / det, (s00 * b1 - s01 * b0) / det)
            covariance = (s11 / det, -s01 / det, s00 / det)
            var sse = 0.0
            for (x, y) in zip(uSeen, curve.losses) { let r = y - solution.l0 - solution.a * x; sse += r * r }
            noise = max((sse / Double(max(uSeen.count - 2, 1))).squareRoot(), 1e-4 * (curve.losses.last ?? 1))
        }
        let projected = solution.l0 + solution.a * uEnd
        guard projected.isFinite, projected > 0 else { return nil }
        let variance = covariance.c00 + 2 * uEnd * covariance.c01 + uEnd * uEnd * covariance.c11
        let modelError = 0.004 * projected
        let sigma = (max(variance, 0) + modelError * modelError).squareRoot() / projected
        return Estimate(logLoss: log(projected), sigma: sigma, schedule: schedule.name)
    }
}
