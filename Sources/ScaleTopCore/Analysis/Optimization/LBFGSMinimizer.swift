/// Limited-memory BFGS for small, unconstrained problems (the fits here have 2–5 parameters).
///
/// Bounds are not needed: every model is written in an unconstrained form (logs of positive
/// coefficients, log-sum-exp of terms), so the search may roam the whole space.
public struct LBFGSMinimizer: Sendable, Equatable {
    /// Pairs (s, y) kept for the inverse-Hessian estimate.
    public var historySize: Int = 8
    public var maxIterations: Int = 1000
    /// Stop when every gradient component is at most this in magnitude.
    public var gradientTolerance: Double = 1e-12
    /// Stop when an iteration lowers f by at most this fraction of max(|f|, `objectiveScale`).
    public var relativeTolerance: Double = 1e-10
    /// Floor under |f| in the relative test, so an objective that reaches ~0 still stops.
    public var objectiveScale: Double = 1e-12
    public var lineSearch = WolfeLineSearch()

    public init() {}

    /// The stopping rule of scipy's L-BFGS-B at its defaults (m = 10, factr = 1e7 so
    /// ftol = 1e7·ε ≈ 2.2e-9 relative to max(|f|, 1), pgtol = 1e-5, maxiter = 15000), which is
    /// what Besiroglu et al. 2024 ran. Looser than `init()` for objectives well below 1 (the
    /// Chinchilla fit ends near 1e-3), and about half the evaluations.
    public static var scipyDefaults: LBFGSMinimizer {
        var minimizer = LBFGSMinimizer()
        minimizer.historySize = 10
        minimizer.relativeTolerance = 1e7 * Double.ulpOfOne
        minimizer.objectiveScale = 1
        minimizer.gradientTolerance = 1e-5
        minimizer.maxIterations = 15000
        return minimizer
    }

    public func minimize(from start: [Double], objective: DifferentiableObjective) -> Minimum {
        let dimension = start.count
        var point = start
        var gradient = [Double](repeating: 0, count: dimension)
        var value = objective(point, &gradient)
        var evaluations = 1
        guard value.isFinite else {
            return Minimum(point: point, value: value, iterations: 0, evaluations: evaluations, converged: false)
        }
        var history = CurvatureHistory(capacity: historySize, dimension: dimension)
        var direction = [Double](repeating: 0, count: dimension)
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            if gradient.allSatisfy({ abs($0) <= gradientTolerance }) { converged = true; break }
            iterations += 1
            history.applyInverseHessian(to: gradient, into: &direction)
            var slope = 0.0
            for index in 0..<dimension { direction[index] = -direction[index]; slope += direction[index] * gradient[index] }
            if !(slope < 0) {
                // The estimate lost positive definiteness (numerically): restart as steepest descent.
                history.removeAll()
                history.applyInverseHessian(to: gradient, into: &direction)
                slope = 0
                for index in 0..<dimension { direction[index] = -direction[index]; slope += direction[index] * gradient[index] }
            }
            guard let step = lineSearch.search(
                from: point, value: value, slope: slope, direction: direction,
                evaluations: &evaluations, objective: objective)
            else {
                // No descent along a descent direction: we sit at a kink or at rounding level.
                converged = history.isEmpty
                if !history.isEmpty { history.removeAll(); continue }
                break
            }
            history.record(from: point, to: step.point, gradient: gradient, newGradient: step.gradient)
            let decrease = value - step.value
            point = step.point
            gradient = step.gradient
            let scale = max(abs(value), abs(step.value), objectiveScale)
            value = step.value
            if decrease <= relativeTolerance * scale { converged = true; break }
        }
        return Minimum(point: point, value: value, iterations: iterations, evaluations: evaluations, converged: converged)
    }
}
