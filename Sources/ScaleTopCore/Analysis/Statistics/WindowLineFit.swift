/// Least squares of ln L = a + slope·ln x over points [from, to), residuals clipped at 3 σ and the
/// fit redone (as `HingeFit`); σ = max(`noise`, RMS of the clipped residuals).
struct WindowLineFit {
    var slope: Double
    var slopeError: Double

    init?(logX: [Double], logLoss: [Double], from: Int, to: Int, noise: Double, minimumPoints: Int = 6) {
        guard to - from >= minimumPoints else { return nil }
        let n = Double(to - from)
        var mx = 0.0
        for i in from..<to { mx += logX[i] }
        mx /= n
        var sxx = 0.0
        for i in from..<to { sxx += (logX[i] - mx) * (logX[i] - mx) }
        guard sxx > 0 else { return nil }
        func fit(_ value: (Int) -> Double) -> (mean: Double, slope: Double) {
            var my = 0.0, sxy = 0.0
            for i in from..<to { my += value(i) }
            my /= n
            for i in from..<to { sxy += (logX[i] - mx) * (value(i) - my) }
            return (my, sxy / sxx)
        }
        var line = fit { logLoss[$0] }
        let clip = 3 * max(noise, 1e-12)
        var clipped = [Double](repeating: 0, count: to - from)
        for i in from..<to {
            let f = line.mean + line.slope * (logX[i] - mx)
            clipped[i - from] = f + min(max(logLoss[i] - f, -clip), clip)
        }
        line = fit { clipped[$0 - from] }
        var rss = 0.0
        for i in from..<to {
            let r = clipped[i - from] - line.mean - line.slope * (logX[i] - mx)
            rss += r * r
        }
        slope = line.slope
        slopeError = max(noise, (rss / max(n - 2, 1)).squareRoot()) / sxx.squareRoot()
    }
}
