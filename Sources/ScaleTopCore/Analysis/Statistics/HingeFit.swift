/// Least squares of ln L = a + slope·X + bend·max(0, X), X = ln x − knot, over points [from, to),
/// with residuals clipped at 3 σ and the fit redone; σ = max(`noise`, RMS of the clipped residuals).
struct HingeFit {
    var level: Double
    var slope: Double
    var bend: Double
    /// Standard errors of `bend` and of `slope + bend` (the window's own slope).
    var bendError: Double
    var observedSlopeError: Double
    var sigma: Double

    init?(logX: [Double], logLoss: [Double], from: Int, to: Int, knot: Double, noise: Double,
          minimumPerSide: Int = 6) {
        guard to - from >= 2 * minimumPerSide else { return nil }
        // Normal equations: columns 1, X, X⁺ (X·X⁺ = X⁺²).
        var n = 0.0, sx = 0.0, sxx = 0.0, sp = 0.0, spp = 0.0
        var before = 0
        for i in from..<to {
            let x = logX[i] - knot
            let p = max(x, 0)
            n += 1; sx += x; sxx += x * x; sp += p; spp += p * p
            if x <= 0 { before += 1 }
        }
        guard before >= minimumPerSide, to - from - before >= minimumPerSide else { return nil }
        let m: [[Double]] = [[n, sx, sp], [sx, sxx, spp], [sp, spp, spp]]
        guard let inverse = SymmetricInverse3.invert(m) else { return nil }
        func solve(_ value: (Int) -> Double) -> (Double, Double, Double) {
            var sy = 0.0, sxy = 0.0, spy = 0.0
            for i in from..<to {
                let x = logX[i] - knot, y = value(i)
                sy += y; sxy += x * y; spy += max(x, 0) * y
            }
            let r = [sy, sxy, spy]
            let c = (0..<3).map { k in inverse[k][0] * r[0] + inverse[k][1] * r[1] + inverse[k][2] * r[2] }
            return (c[0], c[1], c[2])
        }
        var (a, b, c) = solve { logLoss[$0] }
        let scale = max(noise, 1e-12)
        func fitted(_ i: Int) -> Double {
            let x = logX[i] - knot
            return a + b * x + c * max(x, 0)
        }
        let clip = 3 * scale
        var clipped = [Double](repeating: 0, count: to - from)
        for i in from..<to {
            let f = fitted(i)
            clipped[i - from] = f + min(max(logLoss[i] - f, -clip), clip)
        }
        (a, b, c) = solve { clipped[$0 - from] }
        var rss = 0.0
        for i in from..<to {
            let r = clipped[i - from] - fitted(i)
            rss += r * r
        }
        let sigma = max(scale, (rss / max(n - 3, 1)).squareRoot())
        level = a
        slope = b
        bend = c
        self.sigma = sigma
        bendError = sigma * max(inverse[2][2], 0).squareRoot()
        observedSlopeError = sigma * max(inverse[1][1] + inverse[2][2] + 2 * inverse[1][2], 0).squareRoot()
    }
}
