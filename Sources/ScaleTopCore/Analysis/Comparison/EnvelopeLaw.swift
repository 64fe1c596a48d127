import Foundation

/// The law L(C) = E + A·C^−α as three numbers, for comparing fits and their bootstrap resamples.
public struct EnvelopeLaw: Sendable, Equatable {
    public var E: Double
    public var logA: Double
    public var alpha: Double

    public init(E: Double, logA: Double, alpha: Double) {
        self.E = E
        self.logA = logA
        self.alpha = alpha
    }

    public init(_ fit: EnvelopeFit) { self.init(E: fit.E, logA: fit.logA, alpha: fit.alpha) }

    public func loss(at compute: Double) -> Double {
        E + Foundation.exp(logA - alpha * Foundation.log(compute))
    }

    /// ln of the compute at which the law reaches `loss`; nil when `loss` is at or below E
    /// (the law never gets there).
    public func logCompute(reaching loss: Double) -> Double? {
        let excess = loss - E
        guard excess > 0, alpha > 0, excess.isFinite else { return nil }
        let value = (logA - Foundation.log(excess)) / alpha
        return value.isFinite ? value : nil
    }
}
