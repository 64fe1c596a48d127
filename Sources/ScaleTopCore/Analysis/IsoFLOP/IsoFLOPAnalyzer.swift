import Foundation

/// Runs the IsoFLOP analysis on final points of a sweep.
public struct IsoFLOPAnalyzer: Sendable {
    public var grouping = ComputeBudgetGrouping()
    /// A budget needs this many distinct N: three determine a parabola, with none to spare.
    public var minimumDistinctParams = 3
    /// Whether budgets flagged `atEdge` (vertex extrapolated outside the N tried) enter the
    /// a/b fits. Off by default: an unbracketed vertex is an extrapolation of a parabola,
    /// the least trustworthy number in the analysis.
    public var includeEdgeBudgetsInScaling = false

    public init() {}

    /// Nil when no budget has enough distinct model sizes.
    public func analyze(_ runs: [RunFinalPoint]) -> IsoFLOPAnalysis? {
        let budgets = grouping.budgets(runs.filter(\.isUsable)).compactMap(profile)
        guard !budgets.isEmpty else { return nil }
        let used = budgets.filter { $0.paramsOpt != nil && (includeEdgeBudgetsInScaling || !$0.atEdge) }
        let logCompute = used.map { Foundation.log($0.flops) }
        return IsoFLOPAnalysis(
            budgets: budgets,
            paramsScaling: LineFit(x: logCompute, y: used.map { Foundation.log($0.paramsOpt!) }),
            tokensScaling: LineFit(x: logCompute, y: used.map { Foundation.log($0.tokensOpt!) }),
            budgetsInScaling: used.count)
    }

    private func profile(_ runs: [RunFinalPoint]) -> IsoFLOPBudget? {
        let distinct = Set(runs.map(\.params)).count
        guard distinct >= minimumDistinctParams else { return nil }
        let logParams = runs.map { Foundation.log($0.params) }
        guard let parabola = ParabolaFit(x: logParams, y: runs.map(\.loss)) else { return nil }
        let flops = Foundation.exp(runs.map { Foundation.log($0.flops) }.reduce(0, +) / Double(runs.count))
        let smallest = runs.map(\.params).min()!, largest = runs.map(\.params).max()!
        var budget = IsoFLOPBudget(
            flops: flops, runs: runs.count, distinctParams: distinct,
            smallestParams: smallest, largestParams: largest, profile: parabola,
            paramsOpt: nil, tokensOpt: nil, lossOpt: nil, atEdge: true)
        if let vertex = parabola.minimumLocation {
            let params = Foundation.exp(vertex)
            budget.paramsOpt = params
            budget.tokensOpt = flops / (6 * params)
            budget.lossOpt = parabola.value(at: vertex)
            budget.atEdge = params < smallest || params > largest
        }
        return budget
    }
}
