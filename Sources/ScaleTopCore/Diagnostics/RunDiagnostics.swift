import Foundation

/// What the caller knows beyond the run's points.
public struct RunDiagnosticsContext: Sendable {
    /// The envelope fit (`SweepAnalysis.envelopeFit`): caps the plateau rule's expectation and is
    /// the line the landing verdict compares with.
    public var envelopeFit: EnvelopeFit?
    /// The fit's band at the run's planned final compute, if the caller computed one.
    public var bandAtFinal: EnvelopeBand?
    /// Wall-clock now and the last time the run's file(s) grew (unix seconds), for `stale`.
    public var now: Double?
    public var lastGrowth: Double?
    /// The log itself says the run is done.
    public var finishedByLog = false
    /// The run is one line of a results table: a file of one final point per run, no plan.
    public var isFinalResult = false
    /// The verdict shown last time, for hysteresis (see `LandingProjector`).
    public var previousVerdict: LandingVerdict?
    /// What the sweep's finished runs teach about landing (`SweepLandingModel`), the run's
    /// parameter count, and its declared learning-rate schedule (or why it could not be read).
    public var landing: SweepLandingModel?
    public var params: Double?
    public var schedule: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?

    public init(envelopeFit: EnvelopeFit? = nil, bandAtFinal: EnvelopeBand? = nil, now: Double? = nil,
                lastGrowth: Double? = nil, finishedByLog: Bool = false, previousVerdict: LandingVerdict? = nil) {
        self.envelopeFit = envelopeFit
        self.bandAtFinal = bandAtFinal
        self.now = now
        self.lastGrowth = lastGrowth
        self.finishedByLog = finishedByLog
        self.previousVerdict = previousVerdict
    }
}

/// What the rules read of a series besides its points: the trend points (at most `trendPoints`
/// of them, every k-th and the latest: past a thousand, more points add little power and cost in
/// proportion), their smoothed curve, and the gross rises (which, like spikes, see every point).
struct RunTrendInputs {
    var logX: [Double]
    var logLoss: [Double]
    var curve: SmoothedCurve
    var grossRises: [GrossRise]

    init(logX: [Double], logLoss: [Double], curve: SmoothedCurve, grossRises: [GrossRise]) {
        self.logX = logX
        self.logLoss = logLoss
        self.curve = curve
        self.grossRises = grossRises
    }

    /// Derived from scratch.
    init(_ series: CurveSeries, options: DiagnosticsOptions) {
        let points = TrendPoints(series, limit: options.trendPoints)
        self.init(logX: points.logX, logLoss: points.logLoss,
                  curve: RobustSmoother(options: options).smooth(logX: points.logX, logLoss: points.logLoss),
                  grossRises: GrossRiseRule.rises(in: series, options: options))
    }
}

/// A value held by reference, immutable: a large, rarely present member of a struct kept
/// out of line.
final class OutOfLine<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Where a flagged problem began, for a marker on the curve.
public struct DiagnosticMark: Sendable, Equatable {
    public var x: Double
    public var step: Double
    public var loss: Double
}

/// Everything the diagnostics say about one run.
public struct RunDiagnosis: Sendable {
    public var verdict: RunStatusVerdict
    /// Where the plateau or the divergence began (nil for other statuses).
    public var onset: DiagnosticMark?
    /// Spikes seen so far (recovered ones included).
    public var spikes: [LossSpike] = []
    /// Kept out of line (most runs have none, or are many and small): a sweep's diagnoses,
    /// 100,000 of them in a dictionary, are a pointer each here instead of a few hundred bytes.
    public var projection: LandingProjection? {
        get { projectionStorage?.value }
        set { projectionStorage = newValue.map(OutOfLine.init) }
    }
    fileprivate var projectionStorage: OutOfLine<LandingProjection>?
    /// The smoothed curve the rules read (ln x, ln loss), for drawing.
    public var smoothed: SmoothedCurve
    public var axis: CurveSeries.Axis
    /// The trend findings, also when a higher-priority status (finished, stale) is shown.
    public var divergence: DivergenceFinding? {
        get { divergenceStorage?.value }
        set { divergenceStorage = newValue.map(OutOfLine.init) }
    }
    public var plateau: PlateauFinding? {
        get { plateauStorage?.value }
        set { plateauStorage = newValue.map(OutOfLine.init) }
    }
    fileprivate var divergenceStorage: OutOfLine<DivergenceFinding>?
    fileprivate var plateauStorage: OutOfLine<PlateauFinding>?
    /// Stretches where the loss stood several times above its best (`GrossRiseRule`).
    public var grossRises: [GrossRise] = []
    /// Divergences, plateaus and large spikes seen so far, kept after the run recovered or
    /// finished (`SweepDiagnostics` adds those seen at earlier looks and by replay).
    public var episodes: [RunEpisode] = []

    /// Sets the run's episodes; a run no longer flagged then keeps the mark where its trouble
    /// began, and a finished or stale one says in its reason what it went through.
    mutating func record(_ episodes: [RunEpisode], series: CurveSeries) {
        self.episodes = episodes
        guard verdict.status != .plateau, verdict.status != .diverged, let headline = episodes.headline else { return }
        if onset == nil, let i = RunDiagnostics.episodeStart(series, headline) {
            onset = DiagnosticMark(x: series.x[i], step: series.step[i], loss: series.loss[i])
        }
        guard verdict.status != .running else { return }
        let trouble = episodes.filter(\.isAlert).map(\.label).joined(separator: ", ")
        if let reason = verdict.reason {
            let base = reason.range(of: " It went through ").map { String(reason[..<$0.lowerBound]) } ?? reason
            verdict.reason = base + " It went through " + trouble + "."
        }
    }

    /// The status the plot's ✕ and the table's flag go by: the status when it is plateau or
    /// diverged, else that of the latest divergence or plateau episode, if any.
    public var flaggedStatus: RunStatus? {
        if verdict.status == .plateau || verdict.status == .diverged { return verdict.status }
        return episodes.headline.map { $0.kind == .diverged ? .diverged : .plateau }
    }
}

/// Status of a run from its points, in this order of precedence:
/// 1. `diverged` — the latest loss is NaN or infinite;
/// 2. `finished` — the run reached its planned steps/tokens/FLOPs, or its log says so (the reason
///    mentions a divergence or plateau seen on the way);
/// 3. `diverged` — a gross rise still under way (`GrossRiseRule`: several times its best), whatever
///    the warm-up or the noise say;
/// 4. `diverged` — a sustained rise above the running minimum (`DivergenceRule`), or a plateau
///    (`PlateauRule`) over whose window the loss significantly rose;
/// 5. `stale` — no growth for longer than `staleAfterSeconds` (needs `now` and `lastGrowth`);
/// 6. `plateau` — `PlateauRule`, unless the smoothed loss already sits above its best by the
///    divergence rule's margin (a rise not yet sustained);
/// 7. `running`.
/// Every diagnosis also lists the run's `episodes` visible from its points.
/// Pure: the same points and context give the same diagnosis. Cost: linear in the stored points
/// (`scaletop-bench render` measures it; `SweepDiagnostics` keeps what it derived of a run that
/// only grew: `RunTrend`).
public enum RunDiagnostics {
    public static func diagnose(_ run: Run, context: RunDiagnosticsContext = RunDiagnosticsContext(),
                                options: DiagnosticsOptions = DiagnosticsOptions()) -> RunDiagnosis {
        diagnose(CurveSeries(run: run), context: context, options: options)
    }

    /// `projecting: false` leaves out the landing projection (a look at an earlier prefix).
    public static func diagnose(_ series: CurveSeries, context: RunDiagnosticsContext = RunDiagnosticsContext(),
                                options: DiagnosticsOptions = DiagnosticsOptions(), projecting: Bool = true) -> RunDiagnosis {
        diagnose(series, trend: RunTrendInputs(series, options: options), context: context, options: options, projecting: projecting)
    }

    /// As `diagnose(_:context:options:projecting:)`, with what the rules read of the series
    /// already derived (`RunTrend` keeps it from look to look).
    static func diagnose(_ series: CurveSeries, trend: RunTrendInputs, context: RunDiagnosticsContext,
                         options: DiagnosticsOptions, projecting: Bool = true) -> RunDiagnosis {
        var diagnosis = verdict(series, trend: trend, context: context, options: options, projecting: projecting)
        diagnosis.record(RunEpisodes.found(
            series, curve: diagnosis.smoothed, gross: diagnosis.grossRises, warmupEnd: warmupEnd(series, diagnosis.smoothed, options),
            diagnosis: diagnosis, options: options), series: series)
        return diagnosis
    }

    /// The start of the diagnosis' smoothing range that is warm-up: the first `warmupFraction` of
    /// the planned compute (of the compute so far without a plan), as ln x.
    static func warmupEnd(_ series: CurveSeries, _ curve: SmoothedCurve, _ options: DiagnosticsOptions) -> Double {
        let reference = series.plannedX ?? (curve.logX.last.map { exp($0) } ?? 0)
        return reference > 0 ? log(options.warmupFraction * reference) : -.infinity
    }

    /// Index of the first point of `episode` with a finite loss, if any.
    static func episodeStart(_ series: CurveSeries, _ episode: RunEpisode) -> Int? {
        let from = RunEpisodes.lowerBound(series.x, episode.fromX * (1 - 1e-12))
        return (from..<series.count).first { series.loss[$0].isFinite && series.loss[$0] > 0 }
    }

    private static func verdict(_ series: CurveSeries, trend: RunTrendInputs, context: RunDiagnosticsContext, options: DiagnosticsOptions,
                                projecting: Bool) -> RunDiagnosis {
        let points = (logX: trend.logX, logLoss: trend.logLoss)
        let curve = trend.curve
        var diagnosis = RunDiagnosis(verdict: RunStatusVerdict(status: .running, reason: nil), smoothed: curve, axis: series.axis)
        guard let lastIndex = series.x.indices.last else { return diagnosis }

        let warmupEnd = warmupEnd(series, curve, options)
        diagnosis.grossRises = trend.grossRises
        if !curve.isEmpty {
            diagnosis.divergence = DivergenceRule.evaluate(curve, warmupEnd: warmupEnd, options: options)
            let scheduleEnd = series.plannedX.flatMap { $0 > 0 ? log(options.plateauScheduleEnd * $0) : nil }
            diagnosis.plateau = PlateauRule.evaluate(
                curve, logX: points.logX, logLoss: points.logLoss, warmupEnd: warmupEnd, scheduleEnd: scheduleEnd,
                envelope: context.envelopeFit, axisIsFlops: series.axis == .flops, options: options)
            if let flat = diagnosis.plateau, !flat.rising, DivergenceRule.exceedsBest(curve, warmupEnd: warmupEnd, options: options) {
                // Above its best by a divergence's margin: a rise in the making, not a plateau.
                diagnosis.plateau = nil
            }
            if let flat = diagnosis.plateau, !flat.rising, case let .success(schedule)? = context.schedule,
               ScheduleExpectation.explains(flat, series: series, noise: curve.noise, schedule: schedule, landing: context.landing,
                                            params: context.params, options: options) {
                // The declared schedule predicts this flattening (a stable phase, a low stage).
                diagnosis.plateau = nil
            }
            diagnosis.spikes = LossSpikeDetector.spikes(in: series, curve: curve, options: options)
            if projecting {
                diagnosis.projection = LandingProjector.project(
                    series, curve: curve, warmupEnd: warmupEnd, context: context, options: options)
                if let projection = diagnosis.projection, projection.verdict != nil {
                    diagnosis.projection?.path = LandingPath.points(projection, series: series, curve: curve, context: context)
                }
            }
        }

        let lastLoss = series.loss[lastIndex]
        if !lastLoss.isFinite {
            let first = firstNonFiniteOfTail(series)
            diagnosis.verdict = RunStatusVerdict(
                status: .diverged,
                reason: "loss is \(lastLoss.isNaN ? "NaN" : "infinite") since \(series.describe(first)).")
            if let rise = diagnosis.grossRises.last, !rise.recovered, series.loss[rise.onsetIndex].isFinite {
                // It blew up before it broke.
                diagnosis.onset = grossMark(rise, series)
            } else if let rise = diagnosis.divergence {
                // It was rising before it broke: that is where the trouble began.
                diagnosis.onset = mark(curve, node: rise.onsetNode, series: series)
            } else {
                // Marked at the last finite loss before the break, so it can be drawn.
                let before = (0..<first).last { series.loss[$0].isFinite && series.loss[$0] > 0 }
                diagnosis.onset = DiagnosticMark(x: series.x[first], step: series.step[first], loss: before.map { series.loss[$0] } ?? lastLoss)
            }
            return diagnosis
        }
        if context.finishedByLog || context.isFinalResult || series.reachedPlannedEnd {
            var reason = context.finishedByLog ? "the log marks the run as finished"
                : context.isFinalResult ? "its file holds one final result per run, a table of results"
                : "reached its planned end at \(series.describe(lastIndex))"
            if let rise = diagnosis.grossRises.last, !rise.recovered {
                reason += ", with its loss \(times(series.loss[lastIndex] / rise.bestBefore)) its best"
            } else if let rise = diagnosis.divergence {
                reason += ", with its loss \(percent(rise.excess)) above its best"
            }
            diagnosis.verdict = RunStatusVerdict(status: .finished, reason: reason + ".")
            return diagnosis
        }
        if let rise = diagnosis.grossRises.last, !rise.recovered {
            let onset = rise.onsetIndex
            diagnosis.onset = grossMark(rise, series)
            diagnosis.verdict = RunStatusVerdict(
                status: .diverged,
                reason: "loss blew up to \(times(rise.peakLoss / rise.bestBefore)) its best (\(NumberText.short(rise.bestBefore))) since \(series.describe(onset)) and has not come back.")
            return diagnosis
        }
        if let rise = diagnosis.divergence {
            let best = mark(curve, node: rise.bestNode, series: series)
            let onset = mark(curve, node: rise.onsetNode, series: series)
            diagnosis.onset = onset
            diagnosis.verdict = RunStatusVerdict(
                status: .diverged,
                reason: "smoothed loss is \(percent(rise.excess)) above its best (\(NumberText.short(best.loss)) at \(where_(best, series))) and has stayed up since \(where_(onset, series)).")
            return diagnosis
        }
        if let flat = diagnosis.plateau, flat.rising {
            let start = curve.node(atOrBefore: flat.windowStartLogX).map { mark(curve, node: $0, series: series) }
            diagnosis.onset = start
            diagnosis.verdict = RunStatusVerdict(
                status: .diverged,
                reason: "loss rose \(percent(-flat.observedGain)) over the last \(percent(flat.windowFraction, digits: 0)) of its compute\(start.map { " (since \(where_($0, series)))" } ?? "") where it should have fallen \(percent(flat.expectedGain)).")
            return diagnosis
        }
        if let now = context.now, let grown = context.lastGrowth, now - grown > options.staleAfterSeconds {
            diagnosis.verdict = RunStatusVerdict(
                status: .stale,
                reason: "no new line for \(duration(now - grown)) (stale after \(duration(options.staleAfterSeconds))) and the run is not finished.")
            return diagnosis
        }
        if let flat = diagnosis.plateau {
            let start = curve.node(atOrBefore: flat.windowStartLogX).map { mark(curve, node: $0, series: series) }
            diagnosis.onset = start
            let source = flat.expectationFromEnvelope ? "the envelope fit" : "its own earlier trend"
            diagnosis.verdict = RunStatusVerdict(
                status: .plateau,
                reason: "loss improved \(percent(flat.observedGain)) over the last \(percent(flat.windowFraction, digits: 0)) of its compute where \(source) expects \(percent(flat.expectedGain)).")
            return diagnosis
        }
        return diagnosis
    }

    /// Where a gross rise began, as a drawable point (its best before, when it began with NaN).
    private static func grossMark(_ rise: GrossRise, _ series: CurveSeries) -> DiagnosticMark {
        let i = rise.onsetIndex
        let loss = series.loss[i]
        return DiagnosticMark(x: series.x[i], step: series.step[i], loss: loss.isFinite && loss > 0 ? loss : rise.bestBefore)
    }

    /// First point of the trailing run of non-finite losses.
    private static func firstNonFiniteOfTail(_ series: CurveSeries) -> Int {
        var i = series.count - 1
        while i > 0, !series.loss[i - 1].isFinite { i -= 1 }
        return i
    }

    /// A node as a point: its x, the step of the nearest logged point at or before it, its smoothed loss.
    private static func mark(_ curve: SmoothedCurve, node: Int, series: CurveSeries) -> DiagnosticMark {
        let x = exp(curve.logX[node])
        var step = Double.nan
        // Series x is non-decreasing in practice; a binary search finds the point.
        let after = series.x.partitionPoint { $0 <= x * (1 + 1e-12) }
        if after > 0 { step = series.step[after - 1] }
        return DiagnosticMark(x: x, step: step, loss: curve.loss(node))
    }

    private static func where_(_ mark: DiagnosticMark, _ series: CurveSeries) -> String {
        mark.step.isFinite ? "step \(Int(mark.step))" : "\(series.axis.rawValue) \(NumberText.short(mark.x))"
    }

    static func percent(_ fraction: Double, digits: Int = 1) -> String {
        NumberText.fixed(fraction * 100, digits: digits) + " %"
    }

    /// "2.5×", "340×".
    static func times(_ ratio: Double) -> String {
        guard ratio.isFinite else { return "many times" }
        return (ratio < 10 ? NumberText.fixed(ratio, digits: 1) : String(Int(ratio.rounded()))) + "×"
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        if seconds < 7200 { return "\(Int((seconds / 60).rounded())) min" }
        return NumberText.fixed(seconds / 3600, digits: 1) + " h"
    }
}
