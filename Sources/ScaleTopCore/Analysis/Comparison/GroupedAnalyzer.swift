/// Fits every group of a sweep on its own and compares each with the baseline group. Keeps the
/// last result per group, so that a group whose frontier did not move is not fitted again.
public struct GroupedAnalyzer: Sendable {
    public var warmupFraction = 0.1
    public var bandResamples = 200
    public var comparator = GroupComparator()
    /// How each run's curve is smoothed before the frontier the comparison fits is taken.
    public var comparisonSmoother = LocalLinearSmoother(halfWidthFraction: 1.0 / 30)
    /// The points of each group's runs the parametric comparison fits.
    public var trajectorySampler = TrajectorySampler()
    private var cache: [String: GroupAnalysis] = [:]
    private var cachedComparisons: [String: (base: [ComputeLossPoint], other: [ComputeLossPoint], baseTrajectory: [TrajectoryPoint], otherTrajectory: [TrajectoryPoint], target: Double?, resamples: Int, result: GroupComparison)] = [:]

    public init() {}

    /// The baseline's frontier, fit and bootstrap band as the sweep's headline fit made them
    /// (`SweepAnalyzer` fits the baseline's runs alone): taken as the baseline group's own
    /// instead of fitting and bootstrapping the same points a second time.
    public struct HeadlineFit: Sendable {
        public var points: [ComputeLossPoint]
        public var fit: EnvelopeFit?
        public var band: EnvelopeBand?

        public init(points: [ComputeLossPoint], fit: EnvelopeFit?, band: EnvelopeBand?) {
            self.points = points
            self.fit = fit
            self.band = band
        }
    }

    /// The groups' analyses (in `groups` order) and one comparison per group other than the
    /// baseline (`baseline`, else the first group). `headline`: the baseline's fit, already made.
    public mutating func analyze(_ sweep: Sweep, groups: SweepGroups, baseline name: String?, target: Double?, headline: HeadlineFit? = nil) -> GroupedAnalysis {
        var result = GroupedAnalysis()
        result.baseline = groups.baseline(named: name)?.name
        if let name, !groups.groups.contains(where: { $0.name == name }) { result.baselineNotFound = name }
        for group in groups.groups {
            let headline = group.name == result.baseline ? headline : nil
            result.groups.append(analyzeGroup(sweep, group: group, target: target, headline: headline))
        }
        guard let base = result.groups.first(where: { $0.name == result.baseline }) else { return result }
        for other in result.groups where other.name != base.name {
            let key = other.name
            if let cached = cachedComparisons[key], cached.result.baseline == base.name, cached.target == target,
               cached.resamples == comparator.resamples, cached.base == base.comparisonPoints, cached.other == other.comparisonPoints,
               cached.baseTrajectory == base.trajectory, cached.otherTrajectory == other.trajectory {
                result.comparisons.append(cached.result)
                continue
            }
            let comparison = comparator.compare(baseline: base, other: other, target: target)
            cachedComparisons[key] = (base.comparisonPoints, other.comparisonPoints, base.trajectory, other.trajectory, target, comparator.resamples, comparison)
            result.comparisons.append(comparison)
        }
        return result
    }

    private mutating func analyzeGroup(_ sweep: Sweep, group: SweepGroups.Group, target: Double?, headline: HeadlineFit? = nil) -> GroupAnalysis {
        var analysis = GroupAnalysis(name: group.name, runs: group.runs)
        analysis.envelope = Self.envelope(sweep, runs: group.runs)
        analysis.pointsRead = Self.pointsPastWarmup(sweep, runs: group.runs, warmupFraction: warmupFraction)
        analysis.fitPoints = headline?.points ?? SweepAnalyzer.fitEnvelope(sweep, warmupFraction: warmupFraction, runs: group.runs)
        analysis.comparisonPoints = SweepAnalyzer.fitEnvelope(sweep, warmupFraction: warmupFraction, runs: group.runs, smoother: comparisonSmoother)
        (analysis.trajectory, analysis.runsWithoutParams) = trajectorySampler.points(sweep, runs: group.runs)
        if let headline {
            // The headline's fit and band; only the smoothed frontier's fit is the group's own.
            if analysis.pointsRead < GroupAnalysis.minimumPointsRead {
                analysis.noFitReason = Self.tooFewPoints(analysis.pointsRead, runs: group.runs.count)
            } else if let fit = headline.fit {
                analysis.fit = fit
                analysis.band = target == nil || bandResamples == 0 ? nil : headline.band
                if let cached = cache[group.name], cached.comparisonPoints == analysis.comparisonPoints, cached.fit != nil {
                    analysis.comparisonFit = cached.comparisonFit
                } else {
                    analysis.comparisonFit = comparator.solver.fit(analysis.comparisonPoints)
                }
            } else {
                analysis.noFitReason = "the fit did not converge"
            }
            cache[group.name] = analysis
            return analysis
        }
        if let cached = cache[group.name], cached.fitPoints == analysis.fitPoints, cached.runs == group.runs,
           cached.comparisonPoints == analysis.comparisonPoints {
            analysis.fit = cached.fit
            analysis.comparisonFit = cached.comparisonFit
            analysis.band = cached.band
            analysis.noFitReason = cached.noFitReason
            if cached.band != nil || target == nil { return analysis }
        }
        if analysis.pointsRead < GroupAnalysis.minimumPointsRead {
            analysis.noFitReason = Self.tooFewPoints(analysis.pointsRead, runs: group.runs.count)
        } else {
            analysis.fit = comparator.solver.fit(analysis.fitPoints)
            if analysis.fit == nil { analysis.noFitReason = "the fit did not converge" }
            if analysis.fit != nil { analysis.comparisonFit = comparator.solver.fit(analysis.comparisonPoints) }
        }
        if let fit = analysis.fit, let target, bandResamples > 0 {
            var estimator = EnvelopeBandEstimator()
            estimator.resamples = bandResamples
            analysis.band = estimator.band(for: fit, points: SweepAnalyzer.bandPoints(analysis.fitPoints), atCompute: target)
        }
        cache[group.name] = analysis
        return analysis
    }

    static func tooFewPoints(_ read: Int, runs: Int) -> String {
        "too few points for a fit: \(read) past warm-up in \(runs) run\(runs == 1 ? "" : "s") (needs \(GroupAnalysis.minimumPointsRead))"
    }

    /// The lower envelope of the runs' points (every stored point, as the sweep's own).
    static func envelope(_ sweep: Sweep, runs: [Int]) -> ComputeEnvelope {
        var envelope = ComputeEnvelope()
        for i in runs {
            let run = sweep.runs[i]
            let curve = run.curve
            for k in 0..<curve.count {
                let point = curve[k]
                guard point.hasUsableLoss, let flops = run.flops(of: point) else { continue }
                _ = envelope.offer(.init(flops: flops, loss: point.loss, run: i, tokens: run.tokens(of: point) ?? .nan, step: point.step))
            }
        }
        return envelope
    }

    static func pointsPastWarmup(_ sweep: Sweep, runs: [Int], warmupFraction: Double) -> Int {
        var count = 0
        for i in runs {
            let run = sweep.runs[i]
            let seen = run.last.flatMap { run.tokens(of: $0) } ?? 0
            let cut = warmupFraction * (run.meta.plannedTokens ?? seen)
            let curve = run.curve
            for k in 0..<curve.count {
                let point = curve[k]
                guard point.hasUsableLoss, let flops = run.flops(of: point), flops > 0 else { continue }
                if cut > 0, !((run.tokens(of: point) ?? 0) >= cut) { continue }
                count += 1
            }
        }
        return count
    }
}

/// The groups of a sweep fitted apart and compared with the baseline.
public struct GroupedAnalysis: Sendable {
    public var baseline: String?
    /// `--baseline NAME` named no group (the first group is the baseline then).
    public var baselineNotFound: String?
    public var groups: [GroupAnalysis] = []
    public var comparisons: [GroupComparison] = []

    public init() {}
}
