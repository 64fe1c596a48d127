import Foundation

/// L(X) = (X_c / X)^α, the single-variable form of Kaplan et al. 2020 (X = N or C).
public struct KaplanPowerLaw: Sendable, Equatable {
    /// α_N or α_C.
    public var exponent: Double
    /// ln X_c (X_c itself can exceed the Double range for shallow laws).
    public var logScale: Double
    /// Points the fit used.
    public var points: Int

    public init(exponent: Double, logScale: Double, points: Int) {
        self.exponent = exponent
        self.logScale = logScale
        self.points = points
    }

    /// N_c or C_c.
    public var scale: Double { Foundation.exp(logScale) }

    public func loss(at x: Double) -> Double {
        Foundation.exp(exponent * (logScale - Foundation.log(x)))
    }

    /// Least squares in log-log: ln L = α·ln X_c − α·ln X. Nil with fewer than two distinct X or
    /// when loss does not fall with X (α ≤ 0: the law does not apply).
    init?(x: [Double], loss: [Double]) {
        guard let line = LineFit(x: x.map { Foundation.log($0) }, y: loss.map { Foundation.log($0) }),
              line.slope < 0
        else { return nil }
        exponent = -line.slope
        logScale = line.intercept / exponent
        points = x.count
    }
}
