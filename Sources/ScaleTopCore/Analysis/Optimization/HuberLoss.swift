/// The Huber loss: quadratic for small residuals, linear beyond `delta`, so a few
/// outlying points pull on a fit with bounded force (Hoffmann et al. 2022 use it on
/// log-space residuals with `delta = 1e-3`).
public struct HuberLoss: Sendable, Equatable {
    public var delta: Double

    public init(delta: Double) {
        precondition(delta > 0, "Huber delta must be positive")
        self.delta = delta
    }

    /// The loss of one residual (scipy.special.huber convention: r²/2 inside, δ(|r| − δ/2) outside).
    @inline(__always)
    public func value(_ residual: Double) -> Double {
        let magnitude = abs(residual)
        return magnitude <= delta ? 0.5 * residual * residual : delta * (magnitude - 0.5 * delta)
    }

    /// d loss / d residual: the residual itself inside, ±δ outside.
    @inline(__always)
    public func derivative(_ residual: Double) -> Double {
        if residual > delta { return delta }
        if residual < -delta { return -delta }
        return residual
    }
}
