import Foundation
import ScaleTopCore

/// The IsoFLOP view's data: for each compute budget, its runs' final (N, loss), the fitted
/// parabola in ln N and its vertex (the compute-optimal N of that budget).
public struct IsoFLOPPlotModel: Sendable, Equatable {
    public struct Budget: Sendable, Equatable {
        public var flops: Double
        /// (N, final loss) of the budget's runs.
        public var points: [PlotPoint]
        public var profile: ParabolaFit?
        public var vertex: PlotPoint?
        /// The vertex lies outside the N tried: the optimum was not bracketed.
        public var atEdge: Bool
        /// N range the parabola is drawn over.
        public var paramsRange: ClosedRange<Double>
        /// The parabola opens downward (or is flat): it has a maximum, not a minimum, so this
        /// budget gives no optimum; its points are shown without it.
        public var opensDownward = false

        public init(flops: Double, points: [PlotPoint], profile: ParabolaFit?, vertex: PlotPoint?, atEdge: Bool, paramsRange: ClosedRange<Double>, opensDownward: Bool = false) {
            self.flops = flops
            self.points = points
            self.profile = profile
            self.vertex = vertex
            self.atEdge = atEdge
            self.paramsRange = paramsRange
            self.opensDownward = opensDownward
        }
    }

    public var budgets: [Budget]

    public init(budgets: [Budget]) { self.budgets = budgets }

    /// Budgets from the analysis. The fitted budgets keep no runs, so the final points are
    /// grouped again with the analyzer's rule and matched to a fitted budget by compute.
    public static func make(analysis: SweepAnalysis, grouping: ComputeBudgetGrouping = ComputeBudgetGrouping()) -> IsoFLOPPlotModel {
        let fitted = analysis.isoflop?.budgets ?? []
        var budgets: [Budget] = []
        for group in grouping.budgets(analysis.finals) {
            guard let lo = group.map(\.flops).min(), let hi = group.map(\.flops).max() else { continue }
            let match = fitted.first { $0.flops >= lo * (1 - 1e-9) && $0.flops <= hi * (1 + 1e-9) }
            let points = group.map { PlotPoint(x: $0.params, loss: $0.loss) }.sorted { $0.x < $1.x }
            guard Set(points.map(\.x)).count >= 2 || match != nil else { continue }
            let flops = match?.flops ?? exp(group.map { log($0.flops) }.reduce(0, +) / Double(group.count))
            var vertex: PlotPoint?
            if let n = match?.paramsOpt, let loss = match?.lossOpt { vertex = PlotPoint(x: n, loss: loss) }
            let nLo = points.first!.x, nHi = points.last!.x
            budgets.append(Budget(
                flops: flops, points: points, profile: match?.profile, vertex: vertex,
                atEdge: match?.atEdge ?? true, paramsRange: nLo...max(nHi, nLo), opensDownward: match?.opensDownward ?? false))
        }
        return IsoFLOPPlotModel(budgets: budgets)
    }
}
