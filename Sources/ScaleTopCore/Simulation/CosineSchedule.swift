import Foundation

/// The learning rate a simulated run logs as `lr`: a linear warm-up to the peak, then a cosine decay
/// to a floor. It also shapes the loss (see `RunCurve`): annealing at the end of a cosine schedule is
/// what makes a run's last points drop faster than its middle ones.
public struct CosineSchedule: Sendable, Equatable {
    public var peak: Double
    /// The final learning rate as a fraction of the peak; 0.1 is the common choice.
    public var floorFraction: Double
    /// The share of training spent warming up.
    public var warmupFraction: Double

    public init(peak: Double, floorFraction: Double = 0.1, warmupFraction: Double = 0.02) {
        self.peak = peak
        self.floorFraction = floorFraction
        self.warmupFraction = warmupFraction
    }

    /// The learning rate at `progress` (0 = start, 1 = planned end).
    public func value(atProgress progress: Double) -> Double {
        let p = min(max(progress, 0), 1)
        if p < warmupFraction { return peak * p / warmupFraction }
        return peak * (floorFraction + (1 - floorFraction) * annealingLeft(atProgress: p))
    }

    /// How much of the decay is still ahead: 1 up to the peak, 0 at the planned end.
    public func annealingLeft(atProgress progress: Double) -> Double {
        let p = min(max(progress, 0), 1)
        if p <= warmupFraction { return 1 }
        let decay = (p - warmupFraction) / (1 - warmupFraction)
        return 0.5 * (1 + cos(Double.pi * decay))
    }
}
