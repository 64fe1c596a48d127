/// Groups runs into compute budgets: runs whose final compute lies within a relative tolerance
/// (±10 % by default) of one another.
///
/// Rule: sort by compute; a budget is anchored at its smallest compute C₀ and takes every
/// following run with C ≤ (1 + tolerance)·C₀; the first run beyond starts the next budget.
/// So within a budget max C / min C ≤ 1 + tolerance, the result does not depend on input order,
/// and no budget can chain-grow across a dense sweep (as single-linkage clustering would).
public struct ComputeBudgetGrouping: Sendable, Equatable {
    public var tolerance: Double

    public init(tolerance: Double = 0.1) { self.tolerance = tolerance }

    /// The budgets, each a list of runs, in increasing compute. Runs without positive, finite
    /// compute are left out.
    public func budgets(_ runs: [RunFinalPoint]) -> [[RunFinalPoint]] {
        let sorted = runs.filter { $0.flops > 0 && $0.flops.isFinite }.sorted { $0.flops < $1.flops }
        var budgets: [[RunFinalPoint]] = []
        var anchor = 0.0
        for run in sorted {
            if !budgets.isEmpty, run.flops <= (1 + tolerance) * anchor {
                budgets[budgets.count - 1].append(run)
            } else {
                budgets.append([run])
                anchor = run.flops
            }
        }
        return budgets
    }
}
