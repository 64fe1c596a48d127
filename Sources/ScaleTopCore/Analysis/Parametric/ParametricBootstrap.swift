import Foundation

/// 80 % intervals for the parametric fit, as Besiroglu et al. 2024 estimated its uncertainty:
/// resample the runs with replacement and refit each resample. Each refit starts from the full
/// fit's optimum (one local L-BFGS run, not the whole start grid): a resample's optimum lies near
/// it, and 200 refits then cost about what 200 of the grid's 4500 starts do.
public struct ParametricBootstrap: Sendable {
    public var resamples = 200
    public var seed: UInt64 = 0xB007_57A9
    public var huberDelta: Double = 1e-3
    /// Tight stopping: scipy's rule, relative to max(|f|, 1), would stop a start that sits at the
    /// full fit's optimum almost at once (the objective is far below 1), and every resample
    /// would seem to agree with the full fit.
    public var minimizer = LBFGSMinimizer()

    public init() {}

    /// Nil with fewer than `ParametricFitter.minimumRuns` usable runs or when under half of the
    /// refits give an identifiable law.
    public func intervals(for fit: ParametricFit, runs: [RunFinalPoint]) -> ParametricIntervals? {
        let usable = runs.filter(\.isUsable)
        guard usable.count >= ParametricFitter.minimumRuns, resamples > 0, fit.isIdentifiable else { return nil }
        let logN = usable.map { Foundation.log($0.params) }
        let logD = usable.map { Foundation.log($0.tokens) }
        let logL = usable.map { Foundation.log($0.loss) }
        let start = [Foundation.log(fit.A), Foundation.log(fit.B), Foundation.log(fit.E), fit.alpha, fit.beta]
        // The resamples' indices are drawn up front, so the result does not depend on threads.
        var generator = SplitMix64(seed: seed)
        let draws: [[Int]] = (0..<resamples).map { _ in
            (0..<usable.count).map { _ in uniformIndex(below: usable.count, using: &generator) }
        }
        let huber = HuberLoss(delta: huberDelta)
        let minimizer = self.minimizer
        let refit: @Sendable ([Int]) -> ParametricFit? = { draw in
            let objective = ParametricObjective(
                logParams: draw.map { logN[$0] }, logTokens: draw.map { logD[$0] }, logLoss: draw.map { logL[$0] }, huber: huber)
            let minimum = minimizer.minimize(from: start) { x, gradient in objective.evaluate(x, gradient: &gradient) }
            guard minimum.value.isFinite else { return nil }
            let x = minimum.point
            let law = ParametricFit(E: Foundation.exp(x[2]), A: Foundation.exp(x[0]), B: Foundation.exp(x[1]),
                                    alpha: x[3], beta: x[4], objective: minimum.value, points: draw.count, starts: 1)
            return law.isIdentifiable ? law : nil
        }
        let fits = parallelMap(draws, refit).compactMap { $0 }
        guard fits.count * 2 >= resamples else { return nil }
        func range(_ values: [Double]) -> ClosedRange<Double> {
            let low = quantile(values, 0.1)!, high = quantile(values, 0.9)!
            return low...max(low, high)
        }
        return ParametricIntervals(
            alpha: range(fits.map(\.alpha)), beta: range(fits.map(\.beta)), a: range(fits.map(\.a)),
            E: range(fits.map(\.E)), resamples: fits.count)
    }
}
