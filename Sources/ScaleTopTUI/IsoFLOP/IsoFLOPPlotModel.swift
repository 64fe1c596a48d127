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
    /// The optimum at the target on the vertices' power law N_opt ∝ C^a: where the line through
    /// the vertices leads (x = N_opt, loss = the law's loss there), and the target's compute.
    public var target: PlotPoint?
    public var targetFlops: Double?

    public init(budgets: [Budget], target: PlotPoint? = nil, targetFlops: Double? = nil) {
        self.budgets = budgets
        self.target = target
        self.targetFlops = targetFlops
    }

    /// The vertices of the budgets whose optimum was bracketed, in increasing compute, then the
    /// target: the compute-optimal path the view draws.
    public var optimumPath: [PlotPoint] {
        let vertices = budgets.filter { !$0.atEdge && !$0.opensDownward }.sorted { $0.flops < $1.flops }.compactMap(\.vertex)
        guard vertices.count >= 2 else { return [] }
        return vertices + [target].compactMap { $0 }
    }

    /// Budgets from the analysis. The fitted budgets keep no runs, so the final points are
    /// grouped again with the analyzer's rule and matched to a fitted budget by compute.
    public static func make(analysis: SweepAnalysis, target: Double? = nil, grouping: ComputeBudgetGrouping = ComputeBudgetGrouping()) -> IsoFLOPPlotModel {
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
        var model = IsoFLOPPlotModel(budgets: budgets)
        // The loss at the target's optimum: the parametric law there, else the envelope fit's.
        if let target, let params = analysis.approaches.isoflop?.paramsAtTarget, let tokens = analysis.approaches.isoflop?.tokensAtTarget,
           let loss = analysis.parametric.map({ $0.loss(params: params, tokens: tokens) }) ?? analysis.lossAtTarget(target), loss.isFinite, loss > 0 {
            model.target = PlotPoint(x: params, loss: loss)
            model.targetFlops = target
        }
        return model
    }
}
