import Foundation
import Testing
import ScaleTopCore

@Suite struct LeastSquaresTests {
    @Test func parabolaRecoversExactCoefficientsFarFromTheOrigin() throws {
        // x ≈ ln N ≈ 18–22, where naive normal equations lose most of their digits.
        let xs = stride(from: 18.0, through: 22.0, by: 0.5).map { $0 }
        let ys = xs.map { 2.5 - 0.4 * $0 + 0.01 * $0 * $0 }
        let fit = try #require(ParabolaFit(x: xs, y: ys))
        #expect(abs(fit.quadratic - 0.01) < 1e-9)
        let vertex = try #require(fit.minimumLocation)
        #expect(abs(vertex - 20) < 1e-6)
        #expect(ParabolaFit(x: [1, 1, 2, 2], y: [1, 2, 3, 4]) == nil)
    }

    @Test func lineFitMatchesTheClosedForm() throws {
        // Points 1, 2, 3 with y = 0, 2, 1: slope = Σ(x−2)(y−1)/Σ(x−2)² = 1/2, intercept = 1 − 1/2·2 = 0.
        let fit = try #require(LineFit(x: [1, 2, 3], y: [0, 2, 1]))
        #expect(abs(fit.slope - 0.5) < 1e-12)
        #expect(abs(fit.intercept) < 1e-12)
        #expect(LineFit(x: [4, 4], y: [1, 2]) == nil)
    }
}
