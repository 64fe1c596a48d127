import Foundation
import ScaleTopCore

/// How a simulated run goes wrong. Onsets are fractions of the run's planned tokens, so a test (or a
/// diagnostics benchmark) knows exactly where each shape starts, and can measure how long a detector
/// took to notice.
public enum FailureShape: Sendable, Equatable {
    /// The loss stops improving at `onset` and stays flat (plus the usual noise) to the end.
    case plateau(onset: Double)
    /// The loss rises from `onset`, ever faster, to `peakRise` times its onset value just before
    /// `nanOnset`; from `nanOnset` on it is NaN, and the run logs `FailureShape.nanPointsBeforeCrash`
    /// NaN points and then stops, like a job killed by its own NaN guard.
    case divergence(onset: Double, nanOnset: Double, peakRise: Double = 4)
    /// A blow-up by orders of magnitude: within `blowUpRamp` of the run past `onset` the loss climbs
    /// (geometrically) to `peakFactor` times the healthy curve, then decays back with scale
    /// `recovery` (as progress) while the learning rate anneals — but only partly: it settles
    /// `residualExcess` above the healthy curve and stays there to the end.
    case blowUp(onset: Double, peakFactor: Double = 100, residualExcess: Double = 0.15, recovery: Double = 0.08)
    /// Too high a learning rate, as real runs at one show it: within `blowUpRamp` past `onset` the
    /// loss leaps to `peakFactor` times the healthy curve, then swings chaotically between about
    /// 1.7× and `peakFactor`× (incommensurate waves, so no two stretches look alike) until `calmAt`,
    /// after which it settles, with scale `recovery`, to `residualExcess` above the healthy curve.
    case chaotic(onset: Double, peakFactor: Double = 30, calmAt: Double = 0.7, residualExcess: Double = 0.3, recovery: Double = 0.05)
    /// The learning rate grew too large: from `onset` the loss rises linearly with progress, reaching
    /// `finalRise` above its onset value at the planned end.
    case slowRise(onset: Double, finalRise: Double = 0.5)
    /// The loss turns NaN at `onset` without warning; the run writes `nanPointsBeforeCrash` NaN
    /// points and stops.
    case nan(onset: Double)
    /// Stuck at an elevated loss: within `stuckRamp` of the run past `onset` the loss rises to
    /// `excess` above its onset value and stays there, flat, to the end.
    case stuck(onset: Double, excess: Double = 0.2)

    /// NaN points a diverged run still writes before it stops: enough for a reader to see more than
    /// one, few enough that the run clearly never reaches its planned end.
    public static let nanPointsBeforeCrash = 3
    /// Progress over which a blow-up climbs to its peak.
    public static let blowUpRamp = 0.005
    /// Progress over which a stuck run climbs to its elevated level.
    public static let stuckRamp = 0.01

    /// Where the run stops behaving, as a fraction of its planned tokens.
    public var onset: Double {
        switch self {
        case .plateau(let onset): onset
        case .divergence(let onset, _, _): onset
        case .blowUp(let onset, _, _, _): onset
        case .chaotic(let onset, _, _, _, _): onset
        case .slowRise(let onset, _): onset
        case .nan(let onset): onset
        case .stuck(let onset, _): onset
        }
    }

    /// The progress from which the loss is NaN, if this shape ever reaches NaN.
    public var nanOnset: Double? {
        switch self {
        case .plateau, .blowUp, .chaotic, .slowRise, .stuck: nil
        case .divergence(_, let nanOnset, _): nanOnset
        case .nan(let onset): onset
        }
    }

    /// True for the shapes whose loss rises after the onset (a diagnostics tool should call them
    /// diverged); false for the plateau, which only stops falling.
    public var rises: Bool {
        if case .plateau = self { false } else { true }
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
        case .blowUp(let onset, let peakFactor, let residualExcess, let recovery):
            let past = progress - onset
            if past < Self.blowUpRamp { return healthy * exp(log(peakFactor) * past / Self.blowUpRamp) }
            let settled = 1 + residualExcess
            let decay = exp(-(past - Self.blowUpRamp) / recovery)
            return healthy * settled * exp(log(peakFactor / settled) * decay)
        case .chaotic(let onset, let peakFactor, let calmAt, let residualExcess, let recovery):
            let past = progress - onset
            if past < Self.blowUpRamp { return healthy * exp(log(peakFactor) * past / Self.blowUpRamp) }
            // Waves in [0, 1]: the excursion's share of ln(peakFactor), never below 0.15.
            let q = past / max(1 - onset, 1e-9)
            let wave = 0.5 + 0.22 * sin(2 * .pi * 7.3 * q) + 0.18 * sin(2 * .pi * 17.9 * q + 1.3) + 0.1 * sin(2 * .pi * 61.1 * q + 0.4)
            let swing = exp(log(peakFactor) * (0.15 + 0.85 * min(max(wave, 0), 1)))
            guard progress > calmAt else { return healthy * swing }
            let settled = 1 + residualExcess
            let decay = exp(-(progress - calmAt) / recovery)
            return healthy * settled * exp(log(swing / settled) * decay)
        case .slowRise(let onset, let finalRise):
            return healthyAtOnset * (1 + finalRise * (progress - onset) / max(1 - onset, 1e-9))
        case .nan:
            return .nan
        case .stuck(let onset, let excess):
            return healthyAtOnset * (1 + excess * min(1, (progress - onset) / Self.stuckRamp))
        }
    }
}
