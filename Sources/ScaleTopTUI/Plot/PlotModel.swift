import Foundation
import ScaleTopCore

/// A point of a plotted curve: x in the axis' unit, and the loss.
public struct PlotPoint: Sendable, Equatable {
    public var x: Double
    public var loss: Double

    public init(x: Double, loss: Double) {
        self.x = x
        self.loss = loss
    }
}

/// One run's curve as drawn.
public struct PlotSeries: Sendable, Equatable {
    /// The run's name, sanitized.
    public var name: String
    /// Palette slot: the run's index in the sweep, so a run keeps its colour in plot and table.
    public var slot: Int
    public var points: [PlotPoint] {
        didSet {
            logPoints = points.map(LogScaledPoint.init)
            smoothing = SmoothingMemo()
        }
    }
    /// `points` on log scales, computed whenever the points change: a redraw (a key press, a
    /// resize, another x range) then maps them without a logarithm.
    private(set) var logPoints: [LogScaledPoint]
    /// The smoothed losses drawn when smoothing is on, kept as far as the points stay the same.
    private(set) var smoothing = SmoothingMemo()

    public init(name: String, slot: Int, points: [PlotPoint]) {
        self.name = name
        self.slot = slot
        self.points = points
        logPoints = points.map(LogScaledPoint.init)
    }

    /// The series, taking the log scaled points of `previous` (the same run's series from the
    /// content before) as far as its points begin this one's: a run that only grew costs the
    /// logarithms of its new points, one that did not change none.
    public init(name: String, slot: Int, points: [PlotPoint], reusing previous: PlotSeries?) {
        self.name = name
        self.slot = slot
        self.points = points
        guard let previous, previous.points.count <= points.count, points.starts(with: previous.points) else {
            logPoints = points.map(LogScaledPoint.init)
            return
        }
        var logPoints = previous.logPoints
        smoothing = SmoothingMemo(carrying: previous.smoothing, unchanged: previous.points.count)
        guard points.count > previous.points.count else {
            self.logPoints = logPoints
            return
        }
        logPoints.reserveCapacity(points.count)
        for point in points[previous.points.count...] { logPoints.append(LogScaledPoint(point)) }
        self.logPoints = logPoints
    }

    /// How `points` were taken from the run's store (`SeriesThinning`), for the next picture.
    var thinning: SeriesThinning?

    /// A series whose first `unchanged` points are `previous`'s (their log scaled points reused).
    init(name: String, slot: Int, points: [PlotPoint], unchanged: Int, previous: PlotSeries?, thinning: SeriesThinning) {
        self.name = name
        self.slot = slot
        self.points = points
        self.thinning = thinning
        let reused = previous.map { min(unchanged, $0.logPoints.count) } ?? 0
        var logPoints = reused > 0 ? Array(previous!.logPoints.prefix(reused)) : []
        if reused > 0 { smoothing = SmoothingMemo(carrying: previous!.smoothing, unchanged: reused) }
        logPoints.reserveCapacity(points.count)
        for point in points[reused...] { logPoints.append(LogScaledPoint(point)) }
        self.logPoints = logPoints
    }

    /// Equal names, slots and points (the log scaled points follow from those).
    public static func == (a: PlotSeries, b: PlotSeries) -> Bool {
        a.name == b.name && a.slot == b.slot && a.points == b.points
    }
}

/// The fitted law L(C) = E + A·C^−α, as plain numbers.
public struct PlotFitCurve: Sendable, Equatable {
    public var E: Double
    public var logA: Double
    public var alpha: Double
    /// The compute the fit saw (its envelope points): drawn solid here, dashed beyond.
    public var fittedRange: ClosedRange<Double>

    public init(E: Double, logA: Double, alpha: Double, fittedRange: ClosedRange<Double>) {
        self.E = E
        self.logA = logA
        self.alpha = alpha
        self.fittedRange = fittedRange
    }

    public func loss(at compute: Double) -> Double { E + exp(logA - alpha * log(compute)) }
}

/// The target compute and what the fit says there.
public struct PlotTarget: Sendable, Equatable {
    public var x: Double
    public var predictedLoss: Double?
    /// The 10–90 % band of the prediction (the bootstrap's, or wider: see `bandWidened`).
    public var band: ClosedRange<Double>?
    /// The band is wider than the bootstrap's (`ExtrapolationCheck`): the legend says so.
    public var bandWidened: Bool

    public init(x: Double, predictedLoss: Double?, band: ClosedRange<Double>?, bandWidened: Bool = false) {
        self.x = x
        self.predictedLoss = predictedLoss
        self.band = band
        self.bandWidened = bandWidened
    }

    /// The band's legend entry.
    public var bandLabel: String { bandWidened ? "band 10–90%, widened" : "band 10–90%" }
}

/// Everything the loss plot draws, as plain values, so the plot can be tested with
/// hand-made curves and the executable only passes state.
public struct PlotModel: Sendable, Equatable {
    public struct Options: Sendable, Equatable {
        public var xAxis: PlotXAxis
        public var targetFlops: Double?
        /// Points kept per run: more than a plot has pixel columns, fewer than a long log has
        /// lines, so drawing stays fast whatever the logs hold.
        public var maximumPointsPerRun: Int
        /// Draw each run's series of this loss key (`eval_loss`...) instead of its own loss;
        /// runs without one are left out, and so are the envelope and fit of the own losses.
        public var lossKey: String?

        public init(xAxis: PlotXAxis = .flops, targetFlops: Double? = nil, maximumPointsPerRun: Int = 600, lossKey: String? = nil) {
            self.lossKey = lossKey
            self.xAxis = xAxis
            self.targetFlops = targetFlops
            self.maximumPointsPerRun = maximumPointsPerRun
        }
    }

    public var xAxis: PlotXAxis
    public var series: [PlotSeries]
    public var envelope: [PlotPoint]
    /// Only on the FLOPs axis: the law is in compute.
    public var fit: PlotFitCurve?
    /// Only on the FLOPs axis.
    public var target: PlotTarget?
    /// Onsets of plateaus and divergences, and projected ends of runs in progress.
    public var markers: [PlotMarker] = []
    /// The loss key drawn instead of each run's own (nil: each run's own).
    public var lossKey: String?
    /// A compared sweep's groups (see `PlotGroups.swift`); empty for a sweep of one group.
    public var groups: [PlotGroup] = []
    /// Each group's multiplier against the baseline, for the `m` overlay.
    public var multipliers: [PlotMultiplierCurve] = []

    public init(xAxis: PlotXAxis, series: [PlotSeries], envelope: [PlotPoint] = [], fit: PlotFitCurve? = nil, target: PlotTarget? = nil) {
        self.xAxis = xAxis
        self.series = series
        self.envelope = envelope
        self.fit = fit
        self.target = target
    }

    public var isEmpty: Bool { series.allSatisfy { $0.points.isEmpty } }

    /// The plot of a sweep and its analysis. `previous`, the plot made before from the same
    /// sweep, lends its series' log scaled points to the runs whose points it already had.
    public static func make(sweep: Sweep, analysis: SweepAnalysis, options: Options, reusing previous: PlotModel? = nil) -> PlotModel {
        let axis = options.xAxis
        var series: [PlotSeries] = []
        series.reserveCapacity(sweep.runs.count)
        for (index, run) in sweep.runs.enumerated() {
            // Another loss series than the run's own (`y`): its curve, thinned the same way.
            let curve = options.lossKey.map { run.series(forKey: $0)?.curve ?? CurveStore(capacity: 64) } ?? run.curve
            let name = TextSanitizer.clean(run.name)
            let before = previous.flatMap { index < $0.series.count && $0.series[index].name == name ? $0.series[index] : nil }
            // A run that only grew costs its new points; one that did not change, nothing.
            let made = SeriesThinning.points(
                of: run, curve: curve, lossKey: options.lossKey, axis: axis, limit: options.maximumPointsPerRun,
                previous: before.flatMap { series in series.thinning.map { (series.points, $0) } })
            series.append(PlotSeries(name: name, slot: index, points: made.points, unchanged: made.unchanged, previous: before, thinning: made.thinning))
        }
        let envelope: [PlotPoint] = sweep.envelope.entries.compactMap { entry in
            let x: Double
            switch axis {
            case .flops: x = entry.flops
            case .tokens: x = entry.tokens
            case .steps: x = entry.step
            }
            return x.isFinite && x > 0 ? PlotPoint(x: x, loss: entry.loss) : nil
        }
        var fit: PlotFitCurve?
        var target: PlotTarget?
        if axis == .flops {
            if let f = analysis.envelopeFit,
                let lo = analysis.fitPoints.map(\.compute).min(), let hi = analysis.fitPoints.map(\.compute).max()
            {
                fit = PlotFitCurve(E: f.E, logA: f.logA, alpha: f.alpha, fittedRange: lo...hi)
            }
            if let t = options.targetFlops, t > 0, t.isFinite {
                let band = analysis.band.flatMap { $0.low <= $0.high ? $0.low...$0.high : nil }
                target = PlotTarget(x: t, predictedLoss: analysis.lossAtTarget(t), band: band, bandWidened: analysis.bandWidenedBecause != nil)
            }
        }
        guard let lossKey = options.lossKey else {
            let model = PlotModel(xAxis: axis, series: series, envelope: envelope, fit: fit, target: target)
            return analysis.grouped.map { model.grouped($0, sweep: sweep, target: options.targetFlops) } ?? model
        }
        var model = PlotModel(xAxis: axis, series: series)
        model.lossKey = TextSanitizer.clean(lossKey)
        return model
    }

    static func xValue(_ point: LogPoint, of run: Run, axis: PlotXAxis) -> Double? {
        switch axis {
        case .flops: run.flops(of: point)
        case .tokens: run.tokens(of: point)
        case .steps: point.step.isFinite ? point.step : nil
        }
    }
}
