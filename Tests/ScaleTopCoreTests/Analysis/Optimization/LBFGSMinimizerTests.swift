import Foundation
import Testing
import ScaleTopCore

@Suite struct LBFGSMinimizerTests {
    @Test func findsTheRosenbrockMinimum() {
        // f = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1): a curved, badly scaled valley.
        let found = LBFGSMinimizer().minimize(from: [-1.2, 1]) { p, g in
            let x = p[0], y = p[1]
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x)
            g[1] = 200 * (y - x * x)
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
        }
        #expect(found.converged)
        #expect(abs(found.point[0] - 1) < 1e-5)
        #expect(abs(found.point[1] - 1) < 1e-5)
    }

    @Test func minimisesAnIllConditionedQuadraticInFiveDimensions() {
        // f = Σ s_i (x_i − c_i)² with scales over four orders of magnitude.
        let scales = [1e-2, 1e-1, 1, 10, 100], centres = [3.0, -2, 0.5, 7, -1]
        let found = LBFGSMinimizer().minimize(from: [0, 0, 0, 0, 0]) { x, g in
            var f = 0.0
            for i in 0..<5 {
                f += scales[i] * (x[i] - centres[i]) * (x[i] - centres[i])
                g[i] = 2 * scales[i] * (x[i] - centres[i])
            }
            return f
        }
        for i in 0..<5 { #expect(abs(found.point[i] - centres[i]) < 1e-4) }
    }

    @Test func huberWithSmallDeltaLandsOnTheMedian() {
        // Σ Huber_δ(x − c_i) with δ ≪ spread is almost Σ δ|x − c_i|: its minimum is the median,
        // unmoved by the outlier (a mean would be pulled to 21.4).
        let values = [1.0, 2, 3, 4, 100]
        let huber = HuberLoss(delta: 1e-3)
        let found = LBFGSMinimizer().minimize(from: [50]) { x, g in
            g[0] = values.map { huber.derivative(x[0] - $0) }.reduce(0, +)
            return values.map { huber.value(x[0] - $0) }.reduce(0, +)
        }
        #expect(abs(found.point[0] - 3) < 1e-3)
    }
}
