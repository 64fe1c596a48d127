import Foundation

/// What a sweep's finished runs teach about where a running run will land:
/// - with declared schedules, the `AnnealingCurveLaw` fitted across the finished runs (shared
///   exponent, momentum and drop strength; each run's level) and where the levels sit by size;
/// - without them, the sweep's L(N, D) (the parametric fit to final points) and how far above its
///   final loss each finished run was at each share of its plan (plainly, or beyond what L(N, D)
///   explains), each trusted as far as it predicted the larger finished runs from the smaller.
/// Built once per set of finished runs; projecting a run from it costs microseconds.
public struct SweepLandingModel: Sendable {
    /// One finished run's curve relative to its end: at share f of its plan, ln(loss / final).
    struct Shape: Sendable {
        var shares: [Double]
        var ratio: [Double]
        var params: Double
        /// The tokens of its planned end.
        var finalTokens: Double

        func ratio(atShare f: Double) -> Double? {
            guard let first = shares.first, let last = shares.last, f >= first, f <= last else { return nil }
            guard shares.count > 1 else { return ratio[0] }
            // The first share above f (the last one when f is the last), and the one before it.
            let hi = min(shares.count - 1, max(1, shares.partitionPoint { $0 <= f }))
            let lo = hi - 1
            let span = shares[hi] - shares[lo]
            guard span > 0 else { return ratio[lo] }
            return ratio[lo] + (ratio[hi] - ratio[lo]) * (f - shares[lo]) / span
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

    /// The complete runs of `sweep` (`isComplete`) feed the model; of `runs` only (indices into
    /// `Sweep.runs`: one group of a sweep of groups) when given.
    public static func build(_ sweep: Sweep, law: ParametricFit?, runs subset: [Int]? = nil, revision: Int = 0) -> SweepLandingModel {
        let candidates = subset.map { $0.filter { sweep.runs.indices.contains($0) }.map { sweep.runs[$0] } } ?? sweep.runs
        let contributions = candidates.filter(isComplete).map { contribution(of: $0, schedule: sweep.schedule(for: $0)) }
        return assemble(contributions, law: law, annealing: AnnealingCurveLaw.fit(contributions.compactMap(\.curve)), revision: revision)
    }

    /// What one finished run gives the model, from its points and schedule alone (so that a
    /// rebuild can reuse it while they stay as they were): its curve for the annealing law, its
    /// shape, and its final level for the residual from L(N, D).
    struct Contribution: Sendable {
        var curve: AnnealingCurveLaw.Curve?
        var shape: Shape?
        var final: (logLoss: Double, params: Double, tokens: Double)?
    }

    static func contribution(of run: Run, schedule: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?) -> Contribution {
        var result = Contribution()
        let series = thinned(CurveSeries(run: run), to: 400)
        if case let .success(schedule)? = schedule {
            result.curve = annealingCurve(series, schedule: schedule, params: run.meta.params)
        }
        guard series.axis == .flops, let n = run.meta.params, let planned = series.plannedX else { return result }
        let levels = TrailingLevel(series)
        guard let lastX = levels.logX.last, let finalLog = levels.level(atLogX: lastX, noise: 0)?.value else { return result }
        let finalTokens = planned / (6 * n)
        result.final = (finalLog, n, finalTokens)
        var shape = Shape(shares: [], ratio: [], params: n, finalTokens: finalTokens)
        for lx in levels.logX {
            let share = exp(lx) / planned
            guard share > 0.05, share <= 1.0001, share > (shape.shares.last ?? 0),
                  let level = levels.level(atLogX: lx, noise: 0) else { continue }
            shape.shares.append(share)
            shape.ratio.append(level.value - finalLog)
        }
        if shape.shares.count >= 3 { result.shape = shape }
        return result
    }

    /// The model from the finished runs' contributions (in the sweep's order), the sweep's
    /// L(N, D) and the annealing law fitted to their curves.
    static func assemble(_ contributions: [Contribution], law: ParametricFit?, annealing fitted: (law: AnnealingCurveLaw, levels: [AnnealingCurveLaw.Level])?,
                         revision: Int) -> SweepLandingModel {
        var model = SweepLandingModel()
        model.revision = revision
        model.law = law
        var residuals: [Double] = []
        for contribution in contributions {
            if let law, let final = contribution.final { residuals.append(final.logLoss - log(law.loss(params: final.params, tokens: final.tokens))) }
            if let shape = contribution.shape { model.shapes.append(shape) }
        }
        model.shapes.sort { $0.params < $1.params }
        if !residuals.isEmpty {
            let meanSquare = residuals.reduce(0) { $0 + $1 * $1 } / Double(residuals.count)
            let inflation = Double(residuals.count) / max(Double(residuals.count - 5), 0.5)
            model.lawSpread = max((meanSquare * inflation).squareRoot(), lawSpreadFloor)
        }
        if let fitted {
            model.annealing = fitted.law
            model.levels = fitted.levels
        }
        model.excessGrid = (0...excessGridSize).map { k in
            let share = Double(k) / Double(excessGridSize)
            let excess = model.shapes.compactMap { shape in
                shape.ratio(atShare: share).map { $0 - model.lawFall(params: shape.params, finalTokens: shape.finalTokens, share: share) }
            }
            return excess.isEmpty ? .nan : excess.reduce(0, +) / Double(excess.count)
        }
        return model
    }

    /// The finished runs' mean fall beyond L(N, D) (all of it without a law) at shares k/size of
    /// their plan, NaN where none reaches; worked out once, so a drawn path reads it, not them all.
    var excessGrid: [Double] = []
    static let excessGridSize = 400

    /// The finished runs' mean fall beyond L(N, D) at share `f` of the plan (linear between the
    /// grid's shares), nil where none reaches.
    func meanExcess(atShare f: Double) -> Double? {
        guard excessGrid.count == Self.excessGridSize + 1, f.isFinite else { return nil }
        let position = min(max(f, 0), 1) * Double(Self.excessGridSize)
        let low = min(Int(position), Self.excessGridSize), high = min(low + 1, Self.excessGridSize)
        let (a, b) = (excessGrid[low], excessGrid[high])
        switch (a.isNaN, b.isNaN) {
        case (false, false): return a + (b - a) * (position - Double(low))
        case (false, true): return a
        case (true, false): return b
        case (true, true): return nil
        }
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
        return steps.count >= 8 ? AnnealingCurveLaw.Curve(steps: steps, losses: losses, schedule: schedule, params: params, totalSteps: total) : nil
    }

    /// A projection: ln of the loss at the planned end and its standard deviation (ln units).
    public struct Estimate: Sendable, Equatable {
        public var logLoss: Double
        public var sigma: Double
        public var schedule: String?
    }

    /// ln(L(N, f·D) / L(N, D)) for a run of `params` planned to `finalTokens`: how much of the
    /// fall from share f to the end the sweep's law of final points explains (0 without the law).
    func lawFall(params n: Double, finalTokens: Double, share f: Double) -> Double {
        guard let law else { return 0 }
        let value = log(law.loss(params: n, tokens: f * finalTokens) / law.loss(params: n, tokens: finalTokens))
        return value.isFinite ? value : 0
    }

    /// How a run's fall from share f to its end is read from the finished runs: their plain ratio
    /// of loss at f to final, or the part of it L(N, D) does not explain (added back at the run's
    /// own N and D), or the plain ratio on a line in ln N.
    enum FallReading: CaseIterable { case plain, beyondLaw, plainBySize }

    /// Every finished run's ln(loss at f / final) (nil where its curve does not reach f), and the
    /// part of it L(N, D) explains: read once for a projection and all its checks.
    struct ShareReadings {
        var share: Double
        var ratio: [Double?]
        var lawFall: [Double]
        var logParams: [Double]
    }

    func readings(atShare f: Double) -> ShareReadings {
        let ratio = shapes.map { $0.ratio(atShare: f) }
        let fall = shapes.indices.map { k in ratio[k] == nil ? 0 : lawFall(params: shapes[k].params, finalTokens: shapes[k].finalTokens, share: f) }
        return ShareReadings(share: f, ratio: ratio, lawFall: fall, logParams: shapes.map { log($0.params) })
    }

    /// The finished runs' ln(loss at f / final) under `reading` for a run of `params`, from the
    /// shapes at `members`: their mean, or a line in ln N through them (nil without two, or three
    /// for a line).
    func meanFall<Members: Sequence<Int>>(_ members: Members, readings: ShareReadings, reading: FallReading, params: Double) -> (mean: Double, count: Int)? {
        var x: [Double] = [], y: [Double] = []
        for k in members {
            guard let r = readings.ratio[k] else { continue }
            x.append(readings.logParams[k])
            y.append(reading == .beyondLaw ? r - readings.lawFall[k] : r)
        }
        guard y.count >= 2 else { return nil }
        if reading == .plainBySize {
            guard y.count >= 3, let line = AnnealingCurveLaw.linearFit(x, y) else { return nil }
            return (line.intercept + line.slope * log(params), y.count)
        }
        return (y.reduce(0, +) / Double(y.count), y.count)
    }

    /// Each larger finished run projected from its own share f under `reading` with only the
    /// finished runs smaller than it (as the running run is): the root mean square of the errors
    /// (ln units) over the largest few, nil with fewer than two such checks.
    func validationError(_ readings: ShareReadings, reading: FallReading) -> (rms: Double, checks: Int)? {
        var squares = 0.0, checks = 0
        for j in shapes.indices.reversed() where checks < Self.validationRuns {
            guard let ratio = readings.ratio[j] else { continue }
            let smaller = (0..<j).lazy.filter { self.shapes[$0].params < self.shapes[j].params * 0.99 }
            guard let fall = meanFall(smaller, readings: readings, reading: reading, params: shapes[j].params) else { continue }
            let own = reading != .beyondLaw ? 0 : readings.lawFall[j]
            let error = ratio - own - fall.mean
            squares += error * error
            checks += 1
        }
        return checks >= 2 ? ((squares / Double(checks)).squareRoot(), checks) : nil
    }

    /// The finished runs a projection checks itself against (the largest that have smaller ones).
    static let validationRuns = 6

    /// The 20 % quantile of the χ² distribution with k degrees of freedom (index k).
    static let chiSquare20 = [1.0, 0.0642, 0.446, 1.005, 1.649, 2.343, 3.070]

    /// From the run's own curve (smoothed tip and its error) and the sweep: the run's fall still to
    /// come read from the finished runs (plainly or beyond L(N, D), whichever projected the larger
    /// finished runs better from the smaller), combined with L(N, D) at the run's N and planned D,
    /// each weighted by how well it predicted before.
    func projectWithoutSchedule(_ series: CurveSeries, curve: SmoothedCurve, params: Double?) -> Estimate? {
        guard let n = params, series.axis == .flops, let planned = series.plannedX,
              let tip = curve.logX.indices.last else { return nil }
        // The tip read as the finished runs' shapes were (a line through the latest points).
        guard let tipLevel = TrailingLevel(series, readAt: curve.logX[tip]).level(atLogX: curve.logX[tip], noise: curve.noise) else { return nil }
        let share = exp(curve.logX[tip]) / planned
        let finalTokens = planned / (6 * n)
        let tipError = tipLevel.error
        var own: (logLoss: Double, variance: Double)?
        var bestError = Double.infinity
        let atShare = readings(atShare: share)
        for reading in FallReading.allCases where reading != .beyondLaw || law != nil {
            guard let fall = meanFall(shapes.indices, readings: atShare, reading: reading, params: n) else { continue }
            let estimate = tipLevel.value - fall.mean - (reading != .beyondLaw ? 0 : lawFall(params: n, finalTokens: finalTokens, share: share))
            let error: Double
            if let check = validationError(atShare, reading: reading) {
                // A spread from few checks is taken at its upper 80 % confidence bound.
                error = check.rms * (Double(check.checks) / Self.chiSquare20[min(check.checks, Self.chiSquare20.count - 1)]).squareRoot()
            } else {
                // Without checks, the spread of the finished runs' falls.
                guard reading != .plainBySize else { continue }
                let falls = shapes.indices.compactMap { k in atShare.ratio[k].map { $0 - (reading != .beyondLaw ? 0 : atShare.lawFall[k]) } }
                let variance = falls.reduce(0) { $0 + ($1 - fall.mean) * ($1 - fall.mean) } / Double(max(falls.count - 1, 1))
                error = (variance * (1 + 1 / Double(falls.count))).squareRoot()
            }
            if error < bestError {
                bestError = error
                own = (estimate, error * error + tipError * tipError + 0.002 * 0.002)
            }
        }
        var lawEstimate: (logLoss: Double, variance: Double)?
        if let law {
            let value = log(law.loss(params: n, tokens: finalTokens))
            if value.isFinite { lawEstimate = (value, pow(max(lawSpread, Self.lawSpreadFloor), 2)) }
        }
        switch (own, lawEstimate) {
        case let (own?, lawFinal?):
            // A run whose own level sits off L(N, D) by more than both spreads explain is off the
            // law (its own curve is the evidence), so the law's spread takes in the difference.
            let difference = own.logLoss - lawFinal.logLoss
            let law = (logLoss: lawFinal.logLoss, variance: max(lawFinal.variance, difference * difference - own.variance))
            let weight = law.variance / (law.variance + own.variance)
            // The two estimates share the finished runs, so their errors are not independent:
            // the combined spread is widened by a quarter over the independent one.
            return Estimate(logLoss: weight * own.logLoss + (1 - weight) * law.logLoss,
                            sigma: 1.25 * (law.variance * own.variance / (law.variance + own.variance)).squareRoot(), schedule: nil)
        case let (own?, nil): return Estimate(logLoss: own.logLoss, sigma: own.variance.squareRoot(), schedule: nil)
        case let (nil, law?): return Estimate(logLoss: law.logLoss, sigma: law.variance.squareRoot(), schedule: nil)
        default: return nil
        }
    }

    /// The relative error granted to the annealing law itself, beside the uncertainty of the run's
    /// fitted level: part of every schedule projection's sigma, so of `projected_band`.
    static let scheduleModelError = 0.004

    /// The law's relative error for a run whose level rests on `prior`: read off a line through
    /// few runs' levels (`loose`), at least the level's own spread.
    static func modelError(prior: (mean: Double, spread: Double, loose: Bool)?, lossLevel: Double) -> Double {
        guard let prior, prior.loose else { return scheduleModelError }
        return max(scheduleModelError, prior.spread / lossLevel)
    }

    /// Where a running run's L0 should sit, from the finished runs' levels moved to its size: their
    /// mean at its size; else their offset from the sweep's floor E + A/N^α (L(N, D)) at its N;
    /// else (too few complete runs for L(N, D)) a line in ln N through three or more, held loosely. The
    /// spread is the levels' own, at least a share of the run's loss (`lossLevel`): of L0 itself
    /// it would vanish for a level fitted at or below 0. `loose`: read off the line (the shared
    /// shape itself then rests on few runs).
    func levelPrior(params: Double?, lossLevel: Double) -> (mean: Double, spread: Double, loose: Bool)? {
        func meanAndSpread(_ values: [Double]) -> (mean: Double, spread: Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            let spread = values.count > 1 ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot() : 0
            return (mean, spread)
        }
        let sameSize = levels.filter { l in params.flatMap { p in l.params.map { abs(log($0 / p)) < 0.05 } } ?? true }
        if !sameSize.isEmpty {
            let prior = meanAndSpread(sameSize.map(\.l0))
            return (prior.mean, max(prior.spread, 0.003 * (prior.mean > 0 ? prior.mean : lossLevel)), false)
        }
        guard let n = params else { return nil }
        if let floorLaw = self.law {
            let floor = { (m: Double) in floorLaw.E + floorLaw.A / pow(m, floorLaw.alpha) }
            let offsets = levels.compactMap { l in l.params.map { l.l0 - floor($0) } }
            guard !offsets.isEmpty else { return nil }
            let prior = meanAndSpread(offsets)
            let mean = floor(n) + prior.mean
            return (mean, max(prior.spread, 0.01 * (mean > 0 ? mean : lossLevel)), false)
        }
        // The line needs three levels (two leave no residual to say how far it is trusted) over
        // more than one size; continued past the sizes seen it drifts from the curve L0 follows in
        // ln N, hence the wider floor.
        let sized = levels.compactMap { l in l.params.map { (x: log($0), y: l.l0) } }
        let xs = sized.map(\.x), ys = sized.map(\.y)
        guard xs.count >= 3, let line = AnnealingCurveLaw.linearFit(xs, ys), (xs.max()! - xs.min()!) > 0.05 else { return nil }
        let residual = (line.sse / Double(xs.count - 2)).squareRoot()
        return (line.intercept + line.slope * log(n), max(residual, 0.02 * lossLevel), true)
    }

    /// From the run's points so far and its declared schedule, under the sweep's annealing law.
    func projectWithSchedule(_ series: CurveSeries, schedule: LearningRateSchedule, params: Double?) -> Estimate? {
        guard let law = annealing?.at(totalSteps: series.plannedSteps), let total = series.plannedSteps, !levels.isEmpty,
              let curve = Self.annealingCurve(series, schedule: schedule, params: params) else { return nil }
        let lossLevel = curve.losses.last ?? 1
        guard let prior = levelPrior(params: params, lossLevel: lossLevel) else { return nil }
        let areas = AnnealingCurveLaw.areas(schedule, steps: curve.steps + [total], lambda: law.lambda)
        let u = zip(areas.s1, areas.s2).map { law.regressor(s1: $0, s2: $1) }
        let uEnd = u.last!
        guard let level = AnnealingLevelFit(regressor: Array(u.dropLast()), losses: curve.losses, prior: (prior.mean, prior.spread)) else { return nil }
        let projected = level.value(at: uEnd)
        guard projected.isFinite, projected > 0 else { return nil }
        let modelError = Self.modelError(prior: prior, lossLevel: lossLevel) * projected
        let sigma = (level.variance(at: uEnd) + modelError * modelError).squareRoot() / projected
        return Estimate(logLoss: log(projected), sigma: sigma, schedule: schedule.name)
    }
}

