import Foundation

/// Chinchilla approach 2: the compute-optimal N and D per budget, and their scaling with C.
public struct IsoFLOPAnalysis: Sendable, Equatable {
    /// Budgets with enough distinct model sizes, in increasing compute.
    public var budgets: [IsoFLOPBudget]
    /// ln N_opt = intercept + a·ln C over the budgets used (nil with fewer than two).
    public var paramsScaling: LineFit?
    /// ln D_opt = intercept + b·ln C.
    public var tokensScaling: LineFit?
    /// Budgets that entered the exponent fits.
    public var budgetsInScaling: Int

    /// N_opt ∝ C^a.
    public var a: Double? { paramsScaling?.slope }
    /// D_opt ∝ C^b.
    public var b: Double? { tokensScaling?.slope }

    /// N_opt and D_opt extrapolated to `compute` along the fitted power laws.
    public func optimum(atCompute compute: Double) -> (params: Double, tokens: Double)? {
        guard let paramsScaling, let tokensScaling, compute > 0 else { return nil }
        let x = Foundation.log(compute)
        return (Foundation.exp(paramsScaling.value(at: x)), Foundation.exp(tokensScaling.value(at: x)))
    }
}
