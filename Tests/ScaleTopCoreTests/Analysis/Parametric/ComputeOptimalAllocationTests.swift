import Foundation
import Testing
import ScaleTopCore

@Suite struct ComputeOptimalAllocationTests {
    private let hoffmann = ParametricFit(
        E: KnownLaw.hoffmann.E, A: KnownLaw.hoffmann.A, B: KnownLaw.hoffmann.B,
        alpha: KnownLaw.hoffmann.alpha, beta: KnownLaw.hoffmann.beta, objective: 0, points: 0, starts: 0)

    @Test func hoffmannExponentsAreThePublishedOnes() {
        // a = β/(α+β) = 0.28/0.62 = 0.45 from the published (rounded) exponents, as in the data
        // README; Hoffmann et al. Table 2 gives 0.46 for approach 3 from unrounded ones.
        #expect(abs(hoffmann.a - 0.45) < 0.01)
        #expect(abs(hoffmann.a + hoffmann.b - 1) < 1e-12)
    }

    @Test(arguments: [1e20, 5.76e23, 1e25])
    func closedFormMatchesANumericalSearch(compute: Double) throws {
        let optimum = try #require(hoffmann.computeOptimal(atCompute: compute))
        let searched = KnownLaw.hoffmann.optimalParamsBySearch(compute: compute)
        #expect(abs(optimum.params / searched - 1) < 1e-6)
        #expect(abs(6 * optimum.params * optimum.tokens / compute - 1) < 1e-12)
        #expect(abs(optimum.loss - KnownLaw.hoffmann.loss(params: optimum.params, tokens: optimum.tokens)) < 1e-12)
    }

    @Test func noAllocationWithoutPositiveExponents() {
        var flat = hoffmann
        flat.beta = 0
        #expect(flat.computeOptimal(atCompute: 1e23) == nil)
    }
}
