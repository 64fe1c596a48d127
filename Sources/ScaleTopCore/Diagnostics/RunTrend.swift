/// What the diagnostics derive from a run's points, kept from look to look: its series, its trend
/// points, their smoothed curve and the gross-rise scan. A run that only had points appended since
/// (same stored points, same description, same axis) has just its new points read, and only the
/// curve's latest nodes smoothed; anything else builds it afresh. Either way the inputs are those
/// `RunTrendInputs(series, options:)` derives from scratch.
struct RunTrend: Sendable {
    private(set) var series: CurveSeries
    private var lineage: Int
    /// Stored points read into `series`.
    private var consumed: Int
    private var meta: RunMeta
    private var options: DiagnosticsOptions
    private var points: TrendPoints
    private var curve: SmoothedCurve
    private var gross: GrossRiseScan

    init(_ run: Run, options: DiagnosticsOptions) {
        series = CurveSeries(run: run)
        lineage = run.curve.lineage
        consumed = run.curve.count
        meta = run.meta
        self.options = options
        points = TrendPoints(series, limit: options.trendPoints)
        curve = RobustSmoother(options: options).smooth(logX: points.logX, logLoss: points.logLoss)
        gross = GrossRiseScan()
        gross.advance(series, options: options)
    }

    /// Brings the trend up to `run`.
    mutating func update(_ run: Run, options: DiagnosticsOptions) {
        let curveStore = run.curve
        guard curveStore.lineage == lineage, curveStore.count >= consumed, run.meta == meta, options == self.options,
              CurveSeries.axis(of: run) == series.axis else {
            self = RunTrend(run, options: options)
            return
        }
        guard curveStore.count > consumed else { return }
        series.append(curveStore, from: consumed, meta: meta)
        consumed = curveStore.count
        points.update(series, limit: options.trendPoints)
        curve = RobustSmoother(options: options).smooth(
            logX: points.logX, logLoss: points.logLoss, reusing: curve, settled: points.settled)
        gross.advance(series, options: options)
    }

    var inputs: RunTrendInputs {
        RunTrendInputs(logX: points.logX, logLoss: points.logLoss, curve: curve, grossRises: gross.rises)
    }
}
