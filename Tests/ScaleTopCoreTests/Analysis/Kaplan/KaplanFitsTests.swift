import Foundation
import Testing
import ScaleTopCore
import ScaleTopTestSupport

@Suite struct KaplanFitsTests {
    @Test func recoversKaplansPublishedLawFromNoisyFinalPoints() throws {
        // Kaplan et al. 2020 (eq. 1.1): α_N = 0.076, N_c = 8.8e13. Several runs per size; the
        // best of each size lies on the law, the others are worse (undertrained).
        var noise = TestRandom(seed: 4)
        let sizes = (0..<12).map { 1e6 * pow(10, Double($0) / 3) }
        var runs: [RunFinalPoint] = []
        for size in sizes {
            let law = pow(8.8e13 / size, 0.076)
            runs.append(RunFinalPoint(params: size, tokens: 1e10, loss: law * exp(0.002 * noise.gaussian())))
            runs.append(RunFinalPoint(params: size, tokens: 1e9, loss: law * 1.3))
        }
        let fit = try #require(KaplanFits.lossVersusParams(runs))
        #expect(fit.points == 12)
        #expect(abs(fit.exponent - 0.076) < 0.002)
        #expect(abs(log10(fit.scale) - log10(8.8e13)) < 0.2)
    }

    @Test func frontierExponentFromAnExactFrontier() throws {
        // Kaplan et al. 2020: α_C = 0.050, C_c = 3.1e8 PF-days = 3.1e8 · 8.64e19 FLOPs.
        let scale = 3.1e8 * 8.64e19
        let frontier = (0..<20).map { step -> ComputeLossPoint in
            let compute = 1e15 * pow(10, Double(step) / 4)
            return ComputeLossPoint(compute: compute, loss: pow(scale / compute, 0.05))
        }
        let fit = try #require(KaplanFits.computeFrontier(frontier))
        #expect(abs(fit.exponent - 0.05) < 1e-9)
        #expect(abs(fit.scale / scale - 1) < 1e-6)
    }

    @Test func doesNotApplyWhenLossRisesWithSize() {
        let runs = [1e6, 1e7, 1e8].map { RunFinalPoint(params: $0, tokens: 1e9, loss: 2 + log10($0)) }
        #expect(KaplanFits.lossVersusParams(runs) == nil)
    }
}
