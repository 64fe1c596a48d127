import Foundation
import ScaleTopCore

/// The parametric loss L(N, D) = E + A / N^alpha + B / D^beta of Hoffmann et al. (2022), with N the
/// parameter count and D the training tokens. The simulator's runs follow it; tests compute it
/// independently to check them.
public struct ScalingLaw: Sendable, Equatable {
    public var irreducibleLoss: Double
    public var paramsCoefficient: Double
    public var tokensCoefficient: Double
    public var paramsExponent: Double
    public var tokensExponent: Double

    public init(
        irreducibleLoss: Double, paramsCoefficient: Double, tokensCoefficient: Double,
        paramsExponent: Double, tokensExponent: Double
    ) {
        self.irreducibleLoss = irreducibleLoss
        self.paramsCoefficient = paramsCoefficient
        self.tokensCoefficient = tokensCoefficient
        self.paramsExponent = paramsExponent
        self.tokensExponent = tokensExponent
    }

    /// Chinchilla's published fit (Hoffmann et al. 2022, approach 3).
    public static let chinchilla = ScalingLaw(
        irreducibleLoss: 1.69, paramsCoefficient: 406.4, tokensCoefficient: 410.7,
        paramsExponent: 0.34, tokensExponent: 0.28)

    public func loss(params: Double, tokens: Double) -> Double {
        irreducibleLoss
            + paramsCoefficient / pow(params, paramsExponent)
            + tokensCoefficient / pow(tokens, tokensExponent)
    }
}
