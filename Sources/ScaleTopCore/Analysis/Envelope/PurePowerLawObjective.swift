/// Weighted sum of Huber(a − α·x − y) over an `EnvelopeSample`, with its gradient: the log of
/// L = A_c·(C/C₀)^−α, the fallback when the irreducible loss E cannot be identified.
/// Parameter order [a, α]. Residuals are linear in the parameters, so the objective is
/// convex and any local minimum is the global one.
struct PurePowerLawObjective: Sendable {
    static let dimension = 2
    let sample: EnvelopeSample
    let huber: HuberLoss

    func evaluate(_ parameters: [Double], gradient: inout [Double]) -> Double {
        let a = parameters[0], alpha = parameters[1]
        var total = 0.0, ga = 0.0, gAlpha = 0.0
        let x = sample.x, y = sample.y, weights = sample.weights
        for index in 0..<x.count {
            let weight = weights[index]
            if weight == 0 { continue }
            let residual = a - alpha * x[index] - y[index]
            total += weight * huber.value(residual)
            let slope = weight * huber.derivative(residual)
            ga += slope
            gAlpha -= slope * x[index]
        }
        gradient[0] = ga
        gradient[1] = gAlpha
        return total
    }

    /// Weighted ordinary least squares for (a, α): the start of the robust fit.
    func leastSquaresStart() -> [Double] {
        var sw = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        for index in 0..<sample.count {
            let w = sample.weights[index], x = sample.x[index], y = sample.y[index]
            sw += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y
        }
        guard sw > 0 else { return [0, 0] }
        let spread = sxx - sx * sx / sw
        let slope = spread > 0 ? (sxy - sx * sy / sw) / spread : 0
        return [(sy - slope * sx) / sw, -slope]
    }
}
