/// The uncertainty of an envelope fit's prediction at one compute value.
public struct EnvelopeBand: Sendable, Equatable {
    /// Lower quantile of the resampled predictions (10 % by default).
    public var low: Double
    /// Upper quantile (90 % by default).
    public var high: Double
    /// Resamples whose fit succeeded (the quantiles are over these).
    public var resamples: Int

    public init(low: Double, high: Double, resamples: Int) {
        self.low = low
        self.high = high
        self.resamples = resamples
    }

    public func contains(_ loss: Double) -> Bool { low <= loss && loss <= high }
}
