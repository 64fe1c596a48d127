import Foundation
import ScaleTopCore

/// One group of a compared sweep as drawn: its envelope and fit in its own colour.
public struct PlotGroup: Sendable, Equatable {
    public var name: String
    /// Palette slot: the group's index, shared by its runs.
    public var slot: Int
    public var envelope: [PlotPoint]
    public var fit: PlotFitCurve?
    /// The fit's loss at the target, when there is a target.
    public var lossAtTarget: Double?
    /// The group's bootstrap band (10–90 %) at the target, when estimated.
    public var band: ClosedRange<Double>?

    public init(name: String, slot: Int, envelope: [PlotPoint], fit: PlotFitCurve?, lossAtTarget: Double?, band: ClosedRange<Double>? = nil) {
        self.name = name
        self.slot = slot
        self.envelope = envelope
        self.fit = fit
        self.lossAtTarget = lossAtTarget
        self.band = band
    }
}

/// A group's compute multiplier against the baseline over compute, for the `m` overlay.
public struct PlotMultiplierCurve: Sendable, Equatable {
    public var baseline: String
    public var other: String
    /// The other group's palette slot.
    public var slot: Int
    public var points: [GroupComparison.Point]
    public var atTarget: GroupComparison.Point?
    public var crossing: Double?

    public init(baseline: String, other: String, slot: Int, points: [GroupComparison.Point], atTarget: GroupComparison.Point?, crossing: Double?) {
        self.baseline = baseline
        self.other = other
        self.slot = slot
        self.points = points
        self.atTarget = atTarget
        self.crossing = crossing
    }
}

extension PlotModel {
    /// The plot of a compared sweep: each run tinted by its group, each group's envelope and
    /// fit instead of the whole sweep's (which mixes recipes), and the multiplier curves.
    func grouped(_ grouped: GroupedAnalysis, sweep: Sweep, target: Double?) -> PlotModel {
        var model = self
        let slots = SweepGroups(groups: grouped.groups.map { .init(name: $0.name, runs: $0.runs) }).groupIndexByRun(count: sweep.runs.count)
        for k in model.series.indices where model.series[k].slot < slots.count {
            if let slot = slots[model.series[k].slot] { model.series[k].slot = slot }
        }
        guard xAxis == .flops else { return model }
        model.envelope = []
        model.fit = nil
        if var t = model.target {
            t.predictedLoss = nil
            t.band = nil
            model.target = t
        }
        model.groups = grouped.groups.enumerated().map { slot, group in
            var fit: PlotFitCurve?
            if let f = group.fit, let lo = group.fitPoints.map(\.compute).min(), let hi = group.fitPoints.map(\.compute).max() {
                fit = PlotFitCurve(E: f.E, logA: f.logA, alpha: f.alpha, fittedRange: lo...hi)
            }
            let envelope = group.envelope.entries.compactMap { e in e.flops > 0 && e.flops.isFinite ? PlotPoint(x: e.flops, loss: e.loss) : nil }
            let loss = target.flatMap { t in fit.map { $0.loss(at: t) } }.flatMap { $0.isFinite ? $0 : nil }
            let band = loss == nil ? nil : group.band.flatMap { $0.low <= $0.high ? $0.low...$0.high : nil }
            return PlotGroup(name: TextSanitizer.clean(group.name), slot: slot, envelope: envelope, fit: fit, lossAtTarget: loss, band: band)
        }
        model.multipliers = grouped.comparisons.map { comparison in
            let slot = grouped.groups.firstIndex { $0.name == comparison.other } ?? 1
            return PlotMultiplierCurve(
                baseline: TextSanitizer.clean(comparison.baseline), other: TextSanitizer.clean(comparison.other), slot: slot,
                points: comparison.curve, atTarget: comparison.atTarget, crossing: comparison.crossingFlops)
        }
        return model
    }
}
