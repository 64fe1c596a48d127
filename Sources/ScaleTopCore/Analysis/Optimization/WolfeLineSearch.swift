/// A weak-Wolfe line search by bracketing and bisection (Lewis & Overton 2013).
///
/// Why this one: the Huber objectives we minimise have δ = 1e-3, so they are almost
/// piecewise linear; interpolating line searches (Moré–Thuente) assume smoothness and
/// stall there, while bisection on the weak Wolfe conditions is proven to work for
/// BFGS on nonsmooth functions and costs about one evaluation per step near a minimum.
public struct WolfeLineSearch: Sendable, Equatable {
    /// Sufficient-decrease (Armijo) constant.
    public var sufficientDecrease: Double = 1e-4
    /// Curvature constant: the directional derivative must rise to this fraction of its start.
    public var curvature: Double = 0.9
    /// Trials before giving up.
    public var maxEvaluations: Int = 40

    public init() {}

    /// A step accepted by the search, with the objective and gradient already evaluated there.
    public struct Step {
        public var length: Double
        public var point: [Double]
        public var value: Double
        public var gradient: [Double]
    }

    /// Searches along `direction` from `start`, where the objective is `value` with
    /// directional derivative `slope` (< 0). `evaluations` counts every trial.
    /// Returns nil when no trial even decreased the objective sufficiently.
    public func search(
        from start: [Double], value: Double, slope: Double, direction: [Double],
        evaluations: inout Int, objective: DifferentiableObjective
    ) -> Step? {
        let dimension = start.count
        var lower = 0.0
        var upper = Double.infinity
        var length = 1.0
        var trial = start
        var gradient = [Double](repeating: 0, count: dimension)
        // The last trial that passed the Armijo test: the fallback if curvature never holds.
        var bestArmijo: Step?
        for _ in 0..<maxEvaluations {
            for index in 0..<dimension { trial[index] = start[index] + length * direction[index] }
            let trialValue = objective(trial, &gradient)
            evaluations += 1
            if !trialValue.isFinite || trialValue > value + sufficientDecrease * length * slope {
                upper = length
            } else {
                var trialSlope = 0.0
                for index in 0..<dimension { trialSlope += gradient[index] * direction[index] }
                let step = Step(length: length, point: trial, value: trialValue, gradient: gradient)
                if trialSlope < curvature * slope {
                    lower = length
                    bestArmijo = step
                } else {
                    return step
                }
            }
            length = upper.isFinite ? 0.5 * (lower + upper) : 2 * lower
            // A bracket narrower than rounding cannot yield a new point.
            if upper.isFinite && upper - lower <= 1e-16 * max(1, upper) { break }
        }
        return bestArmijo
    }
}
