import Foundation

/// L(N, D) = E + A/N^α + B/D^β, fitted by `ParametricFitter` (Chinchilla approach 3).
public struct ParametricFit: Sendable, Equatable {
    /// Irreducible loss.
    public var E: Double
    public var A: Double
    public var B: Double
    public var alpha: Double
    public var beta: Double
    /// Sum of Huber losses at the optimum (log-space residuals).
    public var objective: Double
    /// Runs the fit used.
    public var points: Int
    /// Local optimisations run (one per start of the grid).
    public var starts: Int

    public init(E: Double, A: Double, B: Double, alpha: Double, beta: Double, objective: Double, points: Int, starts: Int) {
        self.E = E
        self.A = A
        self.B = B
        self.alpha = alpha
        self.beta = beta
        self.objective = objective
        self.points = points
        self.starts = starts
    }

    /// Exponent of the compute-optimal model size, N_opt ∝ C^a.
    public var a: Double { beta / (alpha + beta) }
    /// Exponent of the compute-optimal token count, D_opt ∝ C^b.
    public var b: Double { alpha / (alpha + beta) }

    /// The fitted law at (N, D).
    public func loss(params: Double, tokens: Double) -> Double {
        E + A / Foundation.pow(params, alpha) + B / Foundation.pow(tokens, beta)
    }

    /// Both exponents positive and every value finite: otherwise L(N, D) does not fall with
    /// N and D and there is no compute-optimal allocation to derive from it.
    public var isIdentifiable: Bool {
        alpha > 0 && beta > 0 && [E, A, B, alpha, beta].allSatisfy(\.isFinite)
    }
}
