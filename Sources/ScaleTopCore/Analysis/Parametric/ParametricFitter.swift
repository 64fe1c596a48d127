import Foundation

/// Fits L(N, D) = E + A/N^α + B/D^β by the procedure of Besiroglu et al. 2024: Huber loss
/// (δ = 1e-3) on log residuals of the log-sum-exp form, a local L-BFGS run from every start of
/// a grid, and the start with the lowest final objective wins.
public struct ParametricFitter: Sendable {
    public var huberDelta: Double = 1e-3
    public var startGrid: ParametricStartGrid = .epoch
    /// Stops each local run where scipy would (see `LBFGSMinimizer.scipyDefaults`): on the
    /// Chinchilla data the winning optimum agrees with a run to 1e-10 relative decrease in
    /// E, α and β to about 1e-6, at half the evaluations.
    public var minimizer = LBFGSMinimizer.scipyDefaults
    /// Spread the starts over the available cores. The result does not depend on it: each
    /// start is independent and ties resolve by start order.
    public var parallel = true

    public init() {}

    /// Final points a fit needs: five parameters and one degree of freedom.
    public static let minimumRuns = 6

    /// Needs at least six usable runs (five parameters plus one degree of freedom) with at
    /// least two distinct N and two distinct D; returns nil otherwise.
    public func fit(_ runs: [RunFinalPoint]) -> ParametricFit? {
        let usable = runs.filter(\.isUsable)
        guard usable.count >= Self.minimumRuns,
              Set(usable.map(\.params)).count >= 2,
              Set(usable.map(\.tokens)).count >= 2
        else { return nil }
        let objective = ParametricObjective(
            logParams: usable.map { Foundation.log($0.params) },
            logTokens: usable.map { Foundation.log($0.tokens) },
            logLoss: usable.map { Foundation.log($0.loss) },
            huber: HuberLoss(delta: huberDelta))
        let starts = startGrid.starts
        guard !starts.isEmpty else { return nil }
        let minima = minimizeFromEach(starts, objective: objective)
        var best: Minimum?
        for minimum in minima where minimum.value.isFinite {
            if best == nil || minimum.value < best!.value { best = minimum }
        }
        guard let best else { return nil }
        let x = best.point
        return ParametricFit(
            E: Foundation.exp(x[2]), A: Foundation.exp(x[0]), B: Foundation.exp(x[1]),
            alpha: x[3], beta: x[4], objective: best.value, points: usable.count, starts: starts.count)
    }

    private func minimizeFromEach(_ starts: [[Double]], objective: ParametricObjective) -> [Minimum] {
        let minimizer = self.minimizer
        return parallelMap(starts, parallel: parallel) { start in
            minimizer.minimize(from: start) { x, gradient in objective.evaluate(x, gradient: &gradient) }
        }
    }
}
