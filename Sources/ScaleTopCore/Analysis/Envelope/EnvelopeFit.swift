import Foundation

/// L(C) = E + A·C^−α fitted to the lower compute envelope (Chinchilla approach 1),
/// or the pure power law A·C^−α (E = 0) when E could not be identified.
public struct EnvelopeFit: Sendable, Equatable {
    /// Which law was fitted.
    public enum Form: Sendable, Equatable {
        /// E + A·C^−α with E > 0.
        case withIrreducibleLoss
        /// A·C^−α: E reported as 0, for the stated reason.
        case purePowerLaw(PurePowerLawReason)
    }

    /// Why E was judged not identifiable (see `EnvelopeFitOptions`).
    public enum PurePowerLawReason: String, Sendable, Equatable {
        /// Fewer envelope points than `minimumPointsForIrreducibleLoss`.
        case tooFewPoints
        /// The three-parameter fit drove E below `vanishingIrreducibleLossFraction` of the
        /// smallest envelope loss: the data show no floor within their range.
        case irreducibleLossVanished
        /// The three-parameter fit improves on the pure power law by no more than noise-fitting
        /// would: `evidenceForIrreducibleLoss` is below `EnvelopeFitOptions.minimumEvidence`.
        case weakEvidence
    }

    /// Irreducible loss (0 for a pure power law).
    public var E: Double
    /// ln A, with C in raw FLOPs. Kept because A itself can overflow for steep laws.
    public var logA: Double
    public var alpha: Double
    /// Envelope points used.
    public var points: Int
    /// Sum of Huber losses of the log residuals at the optimum (per unit weight).
    public var objective: Double
    public var form: Form
    /// (n − 3)·(objective of the pure law / objective with E − 1): an F-like statistic for the
    /// extra parameter E (nil when only the pure law was fitted). See `EnvelopeFitOptions.minimumEvidence`.
    public var evidenceForIrreducibleLoss: Double?

    /// ln C₀, the centre the fit worked around (geometric mean of the envelope's compute).
    let logReferenceCompute: Double
    /// The three-parameter optimum [a, α, e] about C₀, kept even when the pure law was
    /// reported, so that a later refit can warm-start from it.
    let saturatingOptimum: [Double]?
    /// The pure power-law optimum [a, α] about C₀.
    let pureOptimum: [Double]

    /// A for C in raw FLOPs (may be +∞ when ln A exceeds the Double range; use `logA`).
    public var A: Double { Foundation.exp(logA) }

    public var isPurePowerLaw: Bool { if case .purePowerLaw = form { true } else { false } }

    /// Mean objective per point: comparable between envelopes of different sizes.
    public var meanObjective: Double { points > 0 ? objective / Double(points) : 0 }

    /// The law with E at `compute`, also when the pure law was reported (the fit with E is
    /// made whenever there are enough points); nil when it was not made.
    public func saturatingLoss(at compute: Double) -> Double? {
        guard let optimum = saturatingOptimum else { return nil }
        return Foundation.exp(optimum[2]) + Foundation.exp(optimum[0] - optimum[1] * (Foundation.log(compute) - logReferenceCompute))
    }

    /// The fitted loss at `compute` FLOPs.
    public func loss(at compute: Double) -> Double {
        E + Foundation.exp(logA - alpha * Foundation.log(compute))
    }
}
