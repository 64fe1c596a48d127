import Foundation

/// How a simulated run goes wrong. Onsets are fractions of the run's planned tokens, so a test (or a
/// diagnostics benchmark) knows exactly where each shape starts.
///
/// Room to grow (issue 6): a blow-up by orders of magnitude that partly recovers while the learning
/// rate anneals, a slow rise after the learning rate grows too large, a run stuck at an elevated
/// loss. Each is one more case here and one more branch in `lossFactor`.
public enum FailureShape: Sendable, Equatable {
    /// The loss stops improving at `onset` and stays flat (plus the usual noise) to the end.
    case plateau(onset: Double)
    /// The loss rises from `onset`, ever faster, to `peakRise` times its onset value just before
    /// `nanOnset`; from `nanOnset` on it is NaN, and the run logs `FailureShape.nanPointsBeforeCrash`
    /// NaN points and then stops, like a job killed by its own NaN guard.
    case divergence(onset: Double, nanOnset: Double, peakRise: Double = 4)

    /// NaN points a diverged run still writes before it stops: enough for a reader to see more than
    /// one, few enough that the run clearly never reaches its planned end.
    public static let nanPointsBeforeCrash = 3

    /// Where the run stops behaving, as a fraction of its planned tokens.
    public var onset: Double {
        switch self {
        case .plateau(let onset): onset
        case .divergence(let onset, _, _): onset
        }
    }

    /// The progress from which the loss is NaN, if this shape ever reaches NaN.
    public var nanOnset: Double? {
        switch self {
        case .plateau: nil
        case .divergence(_, let nanOnset, _): nanOnset
        }
    }

    /// The noiseless loss at `progress`, given the healthy curve's noiseless loss at that progress
    /// and at the onset. Before the onset every shape is the healthy curve.
    public func loss(atProgress progress: Double, healthy: Double, healthyAtOnset: Double) -> Double {
        if progress <= onset { return healthy }
        switch self {
        case .plateau:
            return healthyAtOnset
        case .divergence(let onset, let nanOnset, let peakRise):
            if progress >= nanOnset { return .nan }
            // x^1.5 starts gently and accelerates: a clear rise within a few % of the run past the
            // onset, an explosion just before NaN, as diverging runs look in practice.
            let x = (progress - onset) / (nanOnset - onset)
            return healthyAtOnset * exp(log(peakRise) * pow(x, 1.5))
        }
    }
}
