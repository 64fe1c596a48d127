import Foundation

/// The model size and token count that minimise loss at a fixed compute C = 6·N·D.
public struct ComputeOptimalAllocation: Sendable, Equatable {
    public var compute: Double
    public var params: Double
    public var tokens: Double
    /// The law's loss at (params, tokens).
    public var loss: Double

    public init(compute: Double, params: Double, tokens: Double, loss: Double) {
        self.compute = compute
        self.params = params
        self.tokens = tokens
        self.loss = loss
    }
}

extension ParametricFit {
    /// G = (α·A / (β·B))^(1/(α+β)), the prefactor of the compute-optimal allocation.
    public var allocationPrefactor: Double {
        Foundation.exp(logAllocationPrefactor)
    }

    /// ln G, in logs because A and B may be large.
    var logAllocationPrefactor: Double {
        (Foundation.log(alpha) + Foundation.log(A) - Foundation.log(beta) - Foundation.log(B)) / (alpha + beta)
    }

    /// Minimising E + A/N^α + B/D^β subject to 6·N·D = C (Hoffmann et al. 2022, eq. 4):
    /// N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b. Nil when the fit is not identifiable (an exponent
    /// ≤ 0 leaves no interior optimum) or `compute` is not positive.
    public func computeOptimal(atCompute compute: Double) -> ComputeOptimalAllocation? {
        guard isIdentifiable, compute > 0, compute.isFinite else { return nil }
        let logHalfBudget = Foundation.log(compute / 6)
        let logG = logAllocationPrefactor
        let params = Foundation.exp(logG + a * logHalfBudget)
        let tokens = Foundation.exp(-logG + b * logHalfBudget)
        return ComputeOptimalAllocation(
            compute: compute, params: params, tokens: tokens, loss: loss(params: params, tokens: tokens))
    }
}
