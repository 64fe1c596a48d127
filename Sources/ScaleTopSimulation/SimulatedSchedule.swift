import Foundation
import ScaleTopCore

/// The learning rate a simulated run follows and logs as `lr`, and declares in its header
/// (log-format.md, "Learning rate and the planned schedule"). Every kind warms up linearly over
/// `warmupFraction` of the run, then:
/// - `cosine`: a cosine decay to `floorFraction` of the peak at the planned end;
/// - `wsd` (warm-up, stable, decay): the peak until the last `decayFraction` of the run, then a
///   linear cool-down to `floorFraction` of it;
/// - `constant`: the peak to the end;
/// - `twoStage`: the peak until `switchFraction` of the run, then `lowFraction` of it.
public struct SimulatedSchedule: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case cosine, wsd, constant, twoStage = "two-stage"
    }

    public var kind: Kind
    public var peak: Double
    /// The final learning rate of a cosine or WSD run, as a fraction of the peak.
    public var floorFraction: Double
    /// The share of training spent warming up.
    public var warmupFraction: Double
    /// The share of a WSD run spent cooling down.
    public var decayFraction: Double
    /// Where a two-stage run drops, and to what fraction of the peak.
    public var switchFraction: Double
    public var lowFraction: Double

    public init(kind: Kind = .cosine, peak: Double, floorFraction: Double = 0.1, warmupFraction: Double = 0.02,
                decayFraction: Double = 0.2, switchFraction: Double = 0.5, lowFraction: Double = 0.3) {
        self.kind = kind
        self.peak = peak
        self.floorFraction = floorFraction
        self.warmupFraction = warmupFraction
        self.decayFraction = decayFraction
        self.switchFraction = switchFraction
        self.lowFraction = lowFraction
    }

    /// The learning rate at `progress` (0 = start, 1 = planned end).
    public func value(atProgress progress: Double) -> Double {
        peak * relative(atProgress: progress)
    }

    /// The learning rate as a fraction of the peak.
    public func relative(atProgress progress: Double) -> Double {
        let p = min(max(progress, 0), 1)
        if p < warmupFraction { return p / warmupFraction }
        switch kind {
        case .constant:
            return 1
        case .cosine:
            let decay = (p - warmupFraction) / (1 - warmupFraction)
            return floorFraction + (1 - floorFraction) * 0.5 * (1 + cos(Double.pi * decay))
        case .wsd:
            let start = max(1 - decayFraction, warmupFraction)
            guard p > start else { return 1 }
            return 1 - (1 - floorFraction) * (p - start) / max(1 - start, 1e-12)
        case .twoStage:
            return p < switchFraction ? 1 : lowFraction
        }
    }

    /// The header keys that declare this schedule for a run of `totalSteps` steps, as JSON text
    /// (`"lr_scheduler_type": "cosine_with_min_lr", ...`), in the names Hugging Face uses; the
    /// two-stage schedule as `lr_schedule` knots.
    public func declaration(totalSteps: Int) -> String {
        let total = Double(totalSteps)
        func number(_ value: Double) -> String { SimulationLogFormat.jsonNumber(value) }
        func steps(_ fraction: Double) -> String {
            // A fraction made from whole steps (`SweepPlan.standard`) gives them back despite rounding.
            let value = fraction * total
            return abs(value - value.rounded()) < 1e-6 && abs(value) < 1e15 ? String(Int(value.rounded())) : number(value)
        }
        let warmup = "\"warmup_steps\": \(steps(warmupFraction))"
        let peakText = "\"peak_lr\": \(number(peak))"
        switch kind {
        case .cosine:
            return "\"lr_scheduler_type\": \"cosine_with_min_lr\", \(peakText), \"min_lr\": \(number(peak * floorFraction)), \(warmup)"
        case .wsd:
            return "\"lr_scheduler_type\": \"warmup_stable_decay\", \(peakText), \"min_lr\": \(number(peak * floorFraction)), \(warmup), "
                + "\"num_decay_steps\": \(steps(decayFraction)), \"decay_type\": \"linear\""
        case .constant:
            return "\"lr_scheduler_type\": \"constant_with_warmup\", \(peakText), \(warmup)"
        case .twoStage:
            let knots = [(0.0, 0.0), (warmupFraction, peak), (switchFraction, peak), (switchFraction, peak * lowFraction), (1.0, peak * lowFraction)]
            return "\"lr_schedule\": [" + knots.map { "[\(steps($0.0)), \(number($0.1))]" }.joined(separator: ", ") + "]"
        }
    }
}
