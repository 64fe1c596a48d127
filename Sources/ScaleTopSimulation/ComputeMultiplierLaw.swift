import Foundation

/// How much compute a simulated recipe is worth against the baseline's: m(C) = m₀·(C/C₀)^−k.
/// A run of the recipe with N parameters after D tokens (compute C = 6·N·D) has the loss of the
/// baseline's run with √m·N parameters after √m·D tokens, compute m·C: the definition of an
/// effective compute multiplier, applied to both of the law's terms alike. k = 0 is a constant
/// multiplier; k > 0 with m₀ = 1 makes the recipe better below C₀ and worse above (the fits cross
/// at C₀).
public struct ComputeMultiplierLaw: Sendable, Equatable {
    public var multiplier: Double
    public var pivotFlops: Double
    public var slope: Double

    public init(multiplier: Double, pivotFlops: Double = 1e19, slope: Double = 0) {
        self.multiplier = multiplier
        self.pivotFlops = pivotFlops
        self.slope = slope
    }

    public static func constant(_ multiplier: Double) -> ComputeMultiplierLaw { .init(multiplier: multiplier) }

    /// Better below `flops`, worse above: m = (C/flops)^−slope.
    public static func crossing(at flops: Double, slope: Double = 0.15) -> ComputeMultiplierLaw {
        .init(multiplier: 1, pivotFlops: flops, slope: slope)
    }

    public func value(atCompute compute: Double) -> Double {
        slope == 0 ? multiplier : multiplier * pow(compute / pivotFlops, -slope)
    }
}
