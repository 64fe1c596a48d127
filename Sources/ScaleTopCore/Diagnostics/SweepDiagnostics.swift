import Foundation

/// Diagnoses every run of a sweep, re-diagnosing only runs that changed: a run whose points and
/// description are as before, under the same envelope fit, keeps its diagnosis (only the stale
/// test, which depends on the clock, is redone). Keeps each run's last landing verdict so that
/// verdicts do not flicker at the boundary, and each run's episodes: a run seen for the first time
/// has its history replayed (`RunEpisodes.replay`), and an episode once seen is never dropped.
public struct SweepDiagnostics: Sendable {
    public var options: DiagnosticsOptions
    private var cache: [String: (key: Key, diagnosis: RunDiagnosis)] = [:]
    /// What was derived of each run's points, read on as they grow (`keepsTrends`).
    private var trends: [String: RunTrend] = [:]
    /// Keep each run's derived points between looks, so that a run a few points longer costs
    /// about its new points: for a watching loop (a one-shot read would only hold the memory).
    public var keepsTrends = false
    /// A one-shot read looks once: keep nothing for a next look (on 100,000 small runs the kept
    /// diagnoses would double what the result holds).
    public var singleLook = false
    /// The landing model, built here (kept up to date, `LandingModelBuilder`) when the analysis
    /// does not carry one from the analysis worker.
    private var landingBuilder = LandingModelBuilder()

    private struct Key: Equatable {
        var points: Int
        var last: LogPoint?
        var meta: RunMeta
        var fit: FitKey
        var stale: Bool
        var finalResult: Bool
        /// The landing model's revision, and whether the analysis brought it (the worker's
        /// revisions and this one's own builds count apart).
        var landing: Int
        var landingFromAnalysis: Bool
        var schedule: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?
        /// Logged LR values: the schedule in use moves with them.
        var learningRates: Int
    }

    /// An envelope fit, equal to another whose losses differ by less than 0.1 % from 1e12 to
    /// 1e24 FLOPs: a warm refit after a few new points does not make every run be judged again.
    struct FitKey: Equatable {
        var fit: EnvelopeFit?

        static func == (a: FitKey, b: FitKey) -> Bool {
            guard let x = a.fit, let y = b.fit else { return a.fit == nil && b.fit == nil }
            return stride(from: 12.0, through: 24.0, by: 4.0).allSatisfy { k in
                let c = pow(10, k)
                return abs(x.loss(at: c) / y.loss(at: c) - 1) < 1e-3
            }
        }
    }

    public init(options: DiagnosticsOptions = DiagnosticsOptions()) {
        self.options = options
    }

    /// Diagnoses by run name. `now` and each source's `lastGrowth` are on the reader's clock;
    /// pass nil for `now` when staleness cannot be judged (a one-shot read).
    /// As `diagnose(_:fit:now:)`, the landing projections informed by what the sweep's finished
    /// runs teach (`SweepLandingModel`, rebuilt when they or the sweep's L(N, D) change).
    public mutating func diagnose(_ sweep: Sweep, analysis: SweepAnalysis?, now: Double?) -> [String: RunDiagnosis] {
        if let prepared = analysis?.landing {
            return diagnose(sweep, lines: Self.lines(sweep, analysis: analysis), now: now, landing: prepared, fromAnalysis: true)
        }
        let landing = landingBuilder.update(sweep, law: analysis?.parametric)
        return diagnose(sweep, lines: Self.lines(sweep, analysis: analysis), now: now, landing: landing, fromAnalysis: false)
    }

    public mutating func diagnose(_ sweep: Sweep, fit: EnvelopeFit?, now: Double?) -> [String: RunDiagnosis] {
        diagnose(sweep, lines: RunLines(shared: fit), now: now, landing: nil, fromAnalysis: false)
    }

    /// The line each run is judged against: the sweep's envelope fit, or in a sweep of groups
    /// the fit of the run's own group (the baseline's is the headline fit).
    struct RunLines {
        var shared: EnvelopeFit?
        /// By index into `Sweep.runs`; nil when the sweep has no groups.
        var byRun: [EnvelopeFit?]?

        func fit(ofRun index: Int) -> EnvelopeFit? {
            guard let byRun, byRun.indices.contains(index) else { return shared }
            return byRun[index]
        }
    }

    /// Each group's runs read their group's fit from `analysis.grouped` (matched by name, since
    /// the analysis may have been made from an earlier copy of the sweep); a group the analysis
    /// does not know yet has no line.
    static func lines(_ sweep: Sweep, analysis: SweepAnalysis?) -> RunLines {
        var lines = RunLines(shared: analysis?.envelopeFit)
        guard let analysis, let grouped = analysis.grouped else { return lines }
        let groups = SweepGroups(sweep)
        guard groups.isComparison else { return lines }
        var byRun = [EnvelopeFit?](repeating: nil, count: sweep.runs.count)
        for group in groups.groups {
            let fit = group.name == analysis.scopeGroup
                ? analysis.envelopeFit : grouped.groups.first { $0.name == group.name }?.fit
            for run in group.runs where run < byRun.count { byRun[run] = fit }
        }
        lines.byRun = byRun
        return lines
    }

    private mutating func diagnose(_ sweep: Sweep, lines: RunLines, now: Double?, landing: SweepLandingModel?, fromAnalysis: Bool) -> [String: RunDiagnosis] {
        var result: [String: RunDiagnosis] = [:]
        // Sized once: growing by doubling would hold the old and the new table at once.
        result.reserveCapacity(sweep.runs.count)
        var seen = Set<String>()
        let tables = Self.resultTableSources(sweep)
        for (index, run) in sweep.runs.enumerated() {
            let fit = lines.fit(ofRun: index)
            seen.insert(run.name)
            let growth = sweep.lastGrowth(of: run)
            let stale = now.map { now in growth.map { now - $0 > options.staleAfterSeconds } ?? false } ?? false
            let planned = run.meta.totalSteps != nil || run.meta.plannedTokens != nil || run.meta.flopsBudget != nil
            let finalResult = !planned && run.sources.count == 1 && run.sources.isSubset(of: tables)
            let key = Key(points: run.usablePoints + run.nonFiniteLosses + run.nonPositiveLosses, last: run.last, meta: run.meta, fit: FitKey(fit: fit), stale: stale,
                          finalResult: finalResult, landing: landing?.revision ?? 0, landingFromAnalysis: fromAnalysis, schedule: sweep.schedules[run.name],
                          learningRates: run.learningRates?.logged ?? 0)
            if let cached = cache[run.name], cached.key == key {
                result[run.name] = cached.diagnosis
                continue
            }
            var context = RunDiagnosticsContext(
                envelopeFit: fit, now: now, lastGrowth: growth,
                previousVerdict: cache[run.name]?.diagnosis.projection?.verdict)
            context.isFinalResult = finalResult
            context.landing = landing
            context.params = run.meta.params
            // The schedule in use (declared, logged or inferred), worked out only for runs judged again.
            context.schedule = sweep.schedule(for: run)
            var trend = trends.removeValue(forKey: run.name) ?? RunTrend(run, options: options)
            trend.update(run, options: options)
            let series = trend.series
            var diagnosis = RunDiagnostics.diagnose(series, trend: trend.inputs, context: context, options: options)
            if keepsTrends { trends[run.name] = trend }
            // A run that lost points (its log was rewritten) is looked at afresh.
            let earlier = cache[run.name].flatMap { $0.key.points <= key.points ? $0.diagnosis.episodes : nil }
                ?? RunEpisodes.replay(series, context: context, options: options)
            diagnosis.record(RunEpisodes.combine(earlier, diagnosis.episodes), series: series)
            if !singleLook { cache[run.name] = (key, diagnosis) }
            result[run.name] = diagnosis
        }
        cache = cache.filter { seen.contains($0.key) }
        if trends.count > cache.count { trends = trends.filter { seen.contains($0.key) } }
        return result
    }

    /// The sources that are tables of results: files feeding at least two runs, each of which
    /// holds one point and was fed by that file alone (Chinchilla's final losses, one line a run).
    static func resultTableSources(_ sweep: Sweep) -> Set<Int> {
        var runsOf: [Int: Int] = [:]
        var notTables = Set<Int>()
        for run in sweep.runs {
            for source in run.sources { runsOf[source, default: 0] += 1 }
            if run.sources.count != 1 || run.curve.count != 1 { notTables.formUnion(run.sources) }
        }
        return Set(runsOf.compactMap { $0.value >= 2 && !notTables.contains($0.key) ? $0.key : nil })
    }
}
