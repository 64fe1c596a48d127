import Foundation

/// Weighted sum of Huber(LSE(a − α·x, e) − y) over an `EnvelopeSample`, with its gradient:
/// the log of L = E + A_c·(C/C₀)^−α with A_c = eᵃ, E = eᵉ. Parameter order [a, α, e].
///
/// The log-sum-exp form keeps A and E positive without bounds, and fitting ln L rather
/// than L weighs a 1 % miss the same at every loss level.
struct SaturatingPowerLawObjective: Sendable {
    static let dimension = 3
    let sample: EnvelopeSample
    let huber: HuberLoss

    func evaluate(_ parameters: [Double], gradient: inout [Double]) -> Double {
        let a = parameters[0], alpha = parameters[1], e = parameters[2]
        var total = 0.0, ga = 0.0, gAlpha = 0.0, ge = 0.0
        let x = sample.x, y = sample.y, weights = sample.weights
        for index in 0..<x.count {
            let weight = weights[index]
            if weight == 0 { continue }
            let u = a - alpha * x[index]
            // Log-sum-exp about the larger term.
            // The larger term's weight is exp(0) = 1: one exp a point, not two.
            let top = u > e ? u : e
            let other = Foundation.exp(-abs(u - e))
            let wu = u > e ? 1 : other, we = u > e ? other : 1
            let sum = wu + we
            let residual = top + Foundation.log(sum) - y[index]
            total += weight * huber.value(residual)
            let scale = weight * huber.derivative(residual) / sum
            ga += scale * wu
            gAlpha -= scale * wu * x[index]
            ge += scale * we
        }
        gradient[0] = ga
        gradient[1] = gAlpha
        gradient[2] = ge
        return total
    }
}
