/// Fits a sweep. Keeps the envelope fitter between calls, so a call after a few new points is a
/// warm refit (or nothing at all when the fit envelope did not move), and caches the parametric
/// fit until the set of final results changes. Owned by one task at a time: the live view runs
/// it off the drawing path and publishes the `SweepAnalysis` it returns.
public struct SweepAnalyzer: Sendable {
    public var options: SweepAnalysisOptions
    private var fitter = EnvelopeFitter()
    private var cachedFinals: [RunFinalPoint]?
    private var cachedParametric: ParametricFit?
    private var cachedIntervals: ParametricIntervals?
    private var cachedDropped: [RunFinalPoint] = []
    private var cachedIsoflop: IsoFLOPAnalysis?
    private var cachedBand: (fit: EnvelopeFit, target: Double, band: EnvelopeBand?, points: Int)?
    private var groupedAnalyzer = GroupedAnalyzer()

    public init(options: SweepAnalysisOptions = SweepAnalysisOptions()) {
        self.options = options
    }

    /// - Parameter deferringParametric: when the final points changed, leave the parametric fit
    ///   out (`parametricPending`) so that the envelope fit can be shown at once; the next call
    ///   without it does the rest.
    /// - Parameter withBand: estimate the uncertainty band (200 refits); a sweep still being
    ///   read leaves it for later.
    public mutating func analyze(_ sweep: Sweep, deferringParametric: Bool = false, withBand: Bool = true) -> SweepAnalysis {
        var analysis = SweepAnalysis()
        // A sweep of two recipes or more: the headline fit, band and optimum are the baseline
        // group's (a law fitted across recipes describes neither); each group's own fit is in
        // `grouped`.
        let groups = SweepGroups(sweep)
        let scope = groups.isComparison ? groups.baseline(named: options.baselineGroup) : nil
        analysis.scopeGroup = scope?.name
        analysis.fitPoints = Self.fitEnvelope(sweep, warmupFraction: options.warmupFraction, runs: scope?.runs)
        analysis.envelopeFit = fitter.update(points: analysis.fitPoints)
        analysis.fullFits = fitter.fullFits
        analysis.warmFits = fitter.warmFits
        analysis.skippedFits = fitter.skipped
        analysis.lastRefitMilliseconds = fitter.lastRefitMilliseconds
        if withBand, let fit = analysis.envelopeFit, let target = options.targetFlops, options.bandResamples > 0 {
            if let cached = cachedBand, cached.fit == fit, cached.target == target {
                analysis.band = cached.band
            } else if let cached = cachedBand, cached.target == target, let band = Self.shifted(cached, to: fit, target: target, points: analysis.fitPoints.count) {
                // The fit barely moved (a few new envelope points): the band moves with its
                // prediction; 200 refits only when it moved by a quarter of the band's width.
                analysis.band = band
            } else {
                var estimator = EnvelopeBandEstimator()
                estimator.resamples = options.bandResamples
                analysis.band = estimator.band(for: fit, points: Self.bandPoints(analysis.fitPoints), atCompute: target)
                cachedBand = (fit, target, analysis.band, analysis.fitPoints.count)
            }
        }
        if let fit = analysis.envelopeFit, let target = options.targetFlops {
            analysis.bootstrapBand = analysis.band
            let runs = sweep.runs
            let check = ExtrapolationCheck.assess(
                fit: fit, band: analysis.band, fitPoints: analysis.fitPoints, envelope: sweep.envelope, target: target,
                isStillRunning: { index in
                    guard runs.indices.contains(index) else { return false }
                    let run = runs[index]
                    let planned = run.meta.plannedTokens != nil || run.meta.totalSteps != nil
                    return planned && RunStatusVerdict.basic(for: run).status == .running
                })
            analysis.band = check.band
            analysis.bandWidenedBecause = check.widenedBecause
            analysis.extrapolationWithheld = check.withheldBecause
        }

        analysis.finals = Self.finalPoints(sweep, runs: scope?.runs)
        let parametricWanted = analysis.finals.count - options.dropHighest >= ParametricFitter.minimumRuns
        // Final points that moved less than noise (runs with no planned end grow a line at a
        // time) keep the fits made from them: a parametric fit costs seconds.
        let finalsMoved = !Self.close(analysis.finals, cachedFinals)
        if deferringParametric && finalsMoved && parametricWanted {
            analysis.parametricPending = true
            analysis.isoflop = IsoFLOPAnalyzer().analyze(analysis.finals)
        } else if finalsMoved {
            cachedFinals = analysis.finals
            cachedIsoflop = IsoFLOPAnalyzer().analyze(analysis.finals)
            let (kept, dropped) = Self.droppingHighest(options.dropHighest, of: analysis.finals)
            var fitter = ParametricFitter()
            fitter.startGrid = options.parametricGrid
            let parametric = parametricWanted ? fitter.fit(kept) : nil
            cachedParametric = parametric?.isIdentifiable == true ? parametric : nil
            cachedDropped = dropped
            var bootstrap = ParametricBootstrap()
            bootstrap.resamples = options.parametricResamples
            cachedIntervals = cachedParametric.flatMap { bootstrap.intervals(for: $0, runs: kept) }
        }
        if !analysis.parametricPending {
            analysis.isoflop = cachedIsoflop
            analysis.parametric = cachedParametric
            analysis.parametricDropped = cachedDropped
            analysis.approaches.parametricIntervals = cachedIntervals
        }
        Self.compareApproaches(&analysis, sweep: sweep, target: options.targetFlops,
                               envelope: scope.map { GroupedAnalyzer.envelope(sweep, runs: $0.runs) })
        analysis.kaplanParams = KaplanFits.lossVersusParams(analysis.finals)
        analysis.kaplanCompute = KaplanFits.computeFrontier(analysis.fitPoints)
        if groups.isComparison {
            groupedAnalyzer.warmupFraction = options.warmupFraction
            groupedAnalyzer.bandResamples = withBand ? options.bandResamples : 0
            groupedAnalyzer.comparator.resamples = withBand ? options.bandResamples : 0
            // The baseline's runs were just fitted and bootstrapped for the headline: shared.
            let headline = GroupedAnalyzer.HeadlineFit(points: analysis.fitPoints, fit: analysis.envelopeFit, band: analysis.bootstrapBand)
            analysis.grouped = groupedAnalyzer.analyze(sweep, groups: groups, baseline: options.baselineGroup, target: options.targetFlops, headline: headline)
        }
        return analysis
    }

    /// The three approaches at the target, and the optimum from the one the rule picks
    /// (`ChinchillaApproaches.source`).
    static func compareApproaches(_ analysis: inout SweepAnalysis, sweep: Sweep, target: Double?, envelope: ComputeEnvelope? = nil) {
        analysis.approaches.envelope = EnvelopeAllocation.estimate(sweep, targetFlops: target, envelope: envelope)
        if let iso = analysis.isoflop, let a = iso.a, let b = iso.b {
            // D from C = 6·N·D, so the optimum spends the target exactly (the vertices' own
            // D_opt law agrees with it up to the fit's noise).
            let params = target.flatMap { iso.optimum(atCompute: $0)?.params }
            analysis.approaches.isoflop = ApproachEstimate(a: a, b: b, paramsAtTarget: params, tokensAtTarget: params.map { target! / (6 * $0) })
        }
        if let p = analysis.parametric {
            let optimum = target.flatMap { p.computeOptimal(atCompute: $0) }
            analysis.approaches.parametric = ApproachEstimate(a: p.a, b: p.b, paramsAtTarget: optimum?.params, tokensAtTarget: optimum?.tokens)
        }
        guard let target, !analysis.parametricPending,
              let source = ChinchillaApproaches.source(isoflop: analysis.isoflop, parametric: analysis.parametric,
                                                        intervals: analysis.approaches.parametricIntervals,
                                                        finals: analysis.finals, envelope: analysis.approaches.envelope)
        else { return }
        let chosen: ApproachEstimate? = switch source {
        case .isoflop: analysis.approaches.isoflop
        case .parametric: analysis.approaches.parametric
        case .envelope: analysis.approaches.envelope
        }
        guard let chosen, let params = chosen.paramsAtTarget, let tokens = chosen.tokensAtTarget else { return }
        // The loss there: the parametric law where there is one, else the envelope fit's.
        let loss = analysis.parametric.map { $0.loss(params: params, tokens: tokens) } ?? analysis.lossAtTarget(target) ?? .nan
        analysis.optimal = ComputeOptimalAllocation(compute: target, params: params, tokens: tokens, loss: loss)
        analysis.optimalSource = source.rawValue
    }

    /// `finals` without its `count` highest-loss points, and those points, highest first.
    static func droppingHighest(_ count: Int, of finals: [RunFinalPoint]) -> (kept: [RunFinalPoint], dropped: [RunFinalPoint]) {
        guard count > 0 else { return (finals, []) }
        let order = finals.indices.sorted { finals[$0].loss > finals[$1].loss || (finals[$0].loss == finals[$1].loss && $0 < $1) }
        let dropped = Set(order.prefix(count))
        return (finals.indices.filter { !dropped.contains($0) }.map { finals[$0] }, order.prefix(count).map { finals[$0] })
    }

    /// `cached`'s band moved by the change of the prediction at `target`, when `fit` predicts
    /// within a quarter of the band's width of the fit it was estimated for, from no more than 10 %
    /// more or fewer frontier samples; nil when it must be estimated again.
    static func shifted(_ cached: (fit: EnvelopeFit, target: Double, band: EnvelopeBand?, points: Int), to fit: EnvelopeFit,
                        target: Double, points: Int) -> EnvelopeBand? {
        guard let band = cached.band, fit.form == cached.fit.form,
              abs(Double(points - cached.points)) <= 0.1 * Double(cached.points) else { return nil }
        let shift = fit.loss(at: target) - cached.fit.loss(at: target)
        guard shift.isFinite, abs(shift) <= 0.25 * (band.high - band.low) else { return nil }
        var moved = band
        moved.low += shift
        moved.high += shift
        return moved
    }

    /// The same runs' final points, none of whose loss moved by more than 0.2 % nor tokens by
    /// more than 2 %.
    static func close(_ a: [RunFinalPoint], _ b: [RunFinalPoint]?) -> Bool {
        guard let b, a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x.params == y.params && abs(x.loss / y.loss - 1) <= 0.002 && abs(x.tokens / y.tokens - 1) <= 0.02
        }
    }

    /// The frontier samples the band's bootstrap resamples: about `bandSamples` of them, evenly
    /// spread. Neighbouring samples of 1500 are nearly copies of one another; resampling them as
    /// if independent would shrink the band about fourfold (on the Li et al. sweep, to 2.399–2.420
    /// at 1e22 from 2.365–2.454) without any more information behind it.
    static let bandSamples = 100

    static func bandPoints(_ points: [ComputeLossPoint], count bandSamples: Int = bandSamples) -> [ComputeLossPoint] {
        guard points.count > bandSamples, bandSamples >= 2 else { return points }
        let stride = Double(points.count - 1) / Double(bandSamples - 1)
        return (0..<bandSamples).map { points[Int((Double($0) * stride).rounded())] }
    }

    /// The frontier the power law is fitted to: every run's points past its warm-up, sampled at
    /// log-spaced computes by `FrontierSampler` (Hoffmann et al.'s approach 1), at most four
    /// samples per point read.
    /// `runs`: the indices of the runs to use (a group's), nil for all. `smoother`: applied to
    /// each run's curve before the frontier is taken (the groups' comparison), nil for none.
    public static func fitEnvelope(_ sweep: Sweep, warmupFraction: Double, samples: Int = FrontierSampler.defaultCount, runs subset: [Int]? = nil, smoother: LocalLinearSmoother? = nil) -> [ComputeLossPoint] {
        var curves: [[ComputeLossPoint]] = []
        for index in subset ?? Array(sweep.runs.indices) {
            let run = sweep.runs[index]
            let seen = run.last.flatMap { run.tokens(of: $0) } ?? 0
            let cut = warmupFraction * (run.meta.plannedTokens ?? seen)
            var curve: [ComputeLossPoint] = []
            let store = run.curve
            for k in 0..<store.count {
                let point = store[k]
                guard point.hasUsableLoss, let flops = run.flops(of: point), flops > 0 else { continue }
                if cut > 0 {
                    guard let tokens = run.tokens(of: point), tokens >= cut else { continue }
                }
                if let last = curve.last, flops <= last.compute {
                    // Out of order or repeated compute: keep the curve increasing in compute.
                    if flops == last.compute { curve[curve.count - 1].loss = min(last.loss, point.loss) }
                    continue
                }
                curve.append(ComputeLossPoint(compute: flops, loss: point.loss))
            }
            if let smoother { curve = smoother.smooth(curve) }
            if !curve.isEmpty { curves.append(curve) }
        }
        // Samples interpolated between few points are near-copies that only slow the fit: at
        // most four per point read (at least 100), which leaves sweeps of some hundred points
        // and more at `samples`.
        let pointsRead = curves.reduce(0) { $0 + $1.count }
        return FrontierSampler(count: min(samples, max(minimumSamples, 4 * pointsRead))).sample(curves)
    }

    /// The fewest frontier samples a fit uses (see `fitEnvelope`).
    static let minimumSamples = 100

    /// Final results for IsoFLOP, the parametric fit and Kaplan's L(N): the last usable point of
    /// every run that finished, and of every run with no planned end (a table of results, or a
    /// log that does not say where it stops). Runs still on their way, or diverged, are left out.
    /// Each finished run's last point (`subset`: of those runs only, indices into `sweep.runs`).
    public static func finalPoints(_ sweep: Sweep, runs subset: [Int]? = nil) -> [RunFinalPoint] {
        var finals: [RunFinalPoint] = []
        for index in subset ?? Array(sweep.runs.indices) {
            let run = sweep.runs[index]
            guard let n = run.meta.params, let last = run.last, last.hasUsableLoss else { continue }
            let status = RunStatusVerdict.basic(for: run).status
            let hasPlan = run.meta.plannedTokens != nil || run.meta.totalSteps != nil
            guard status == .finished || (!hasPlan && status == .running) else { continue }
            guard let tokens = run.tokens(of: last), let flops = run.flops(of: last), tokens > 0 else { continue }
            var final = RunFinalPoint(params: n, tokens: tokens, flops: flops, loss: last.loss)
            final.run = run.name
            finals.append(final)
        }
        return finals
    }
}
