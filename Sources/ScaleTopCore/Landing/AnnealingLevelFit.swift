import Foundation

/// One run's level under a fitted `AnnealingCurveLaw`: L = L0 + A·u, u the law's regressor, by
/// least squares, optionally with L0 held near a prior (L0 ~ N(mean, spread²)). The points' noise
/// is the fit's own residual spread (at least 1e-4 of the latest loss), so the covariance of
/// (L0, A) says how far the level is known from these points.
struct AnnealingLevelFit {
    var l0: Double
    var a: Double
    /// Covariance of (L0, A).
    var c00: Double
    var c01: Double
    var c11: Double

    init?(regressor u: [Double], losses: [Double], prior: (mean: Double, spread: Double)?) {
        guard u.count == losses.count, u.count >= 2 else { return nil }
        let scale = losses.last ?? 1
        var noise = 0.003 * scale
        var solution = (l0: prior?.mean ?? 0, a: 0.0)
        var covariance = (c00: 0.0, c01: 0.0, c11: 0.0)
        // Twice: the second pass weighs the points by the noise the first one left.
        for _ in 0..<2 {
            let w = 1 / (noise * noise), w0 = prior.map { 1 / ($0.spread * $0.spread) } ?? 0
            var s00 = w0, s01 = 0.0, s11 = 0.0, b0 = w0 * (prior?.mean ?? 0), b1 = 0.0
            for (x, y) in zip(u, losses) {
                s00 += w; s01 += w * x; s11 += w * x * x; b0 += w * y; b1 += w * x * y
            }
            let det = s00 * s11 - s01 * s01
            guard det > 0 else { return nil }
            solution = ((s11 * b0 - s01 * b1) / det, (s00 * b1 - s01 * b0) / det)
            covariance = (s11 / det, -s01 / det, s00 / det)
            var sse = 0.0
            for (x, y) in zip(u, losses) { let r = y - solution.l0 - solution.a * x; sse += r * r }
            noise = max((sse / Double(max(u.count - 2, 1))).squareRoot(), 1e-4 * scale)
        }
        (l0, a) = solution
        (c00, c01, c11) = covariance
    }

    /// The law's loss at regressor `u`.
    func value(at u: Double) -> Double { l0 + a * u }

    /// The variance of `value(at:)` from the uncertainty of (L0, A).
    func variance(at u: Double) -> Double { max(c00 + 2 * u * c01 + u * u * c11, 0) }
}
