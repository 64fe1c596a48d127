/// What a local minimisation found.
public struct Minimum: Sendable, Equatable {
    /// The best parameter vector reached.
    public var point: [Double]
    /// The objective at `point`.
    public var value: Double
    /// Iterations of the outer loop (one line search each).
    public var iterations: Int
    /// Objective evaluations, line-search trials included.
    public var evaluations: Int
    /// True when a stopping tolerance was met, false when the iteration cap or a failed
    /// line search ended the run (the point is still the best one seen).
    public var converged: Bool

    public init(point: [Double], value: Double, iterations: Int, evaluations: Int, converged: Bool) {
        self.point = point
        self.value = value
        self.iterations = iterations
        self.evaluations = evaluations
        self.converged = converged
    }
}
