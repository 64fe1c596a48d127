/// Ordinary least-squares line y = intercept + slope·x.
public struct LineFit: Sendable, Equatable {
    public var intercept: Double
    public var slope: Double

    public init(intercept: Double, slope: Double) {
        self.intercept = intercept
        self.slope = slope
    }

    /// Nil with fewer than two points or when all x are equal (no slope is defined).
    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count)
        guard x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        // Centred sums: no cancellation when x sits far from 0 (ln FLOPs ≈ 40–60).
        for index in 0..<x.count {
            sxx += (x[index] - meanX) * (x[index] - meanX)
            sxy += (x[index] - meanX) * (y[index] - meanY)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
    }

    public func value(at x: Double) -> Double { intercept + slope * x }
}
