import Foundation
import Testing
import ScaleTopCore
import ScaleTopTestSupport

@Suite(.tags(.slow)) struct ParametricFitterTests {
    @Test func recoversAKnownLawFromASyntheticSweep() throws {
        // 7 sizes × 7 token counts from Hoffmann's law, 0.5 % log-normal noise.
        let law = KnownLaw.hoffmann
        var noise = TestRandom(seed: 12)
        var runs: [RunFinalPoint] = []
        for i in 0..<7 {
            for j in 0..<7 {
                let params = 1e7 * pow(10, Double(i) / 2), tokens = 1e9 * pow(10, Double(j) / 2)
                runs.append(RunFinalPoint(params: params, tokens: tokens, loss: law.loss(params: params, tokens: tokens) * exp(0.005 * noise.gaussian())))
            }
        }
        var fitter = ParametricFitter()
        // The coarse grid keeps this test quick; the full grid is exercised on the Chinchilla data.
        fitter.startGrid = .coarse
        let fit = try #require(fitter.fit(runs))
        #expect(fit.starts == 432)
        #expect(fit.isIdentifiable)
        #expect(abs(fit.E - law.E) < 0.05)
        #expect(abs(fit.alpha - law.alpha) < 0.03)
        #expect(abs(fit.beta - law.beta) < 0.03)
        #expect(abs(fit.a - law.beta / (law.alpha + law.beta)) < 0.02)
    }

    @Test func refusesTooFewRuns() {
        let runs = (1...5).map { RunFinalPoint(params: 1e8 * Double($0), tokens: 1e10 * Double($0), loss: 3) }
        #expect(ParametricFitter().fit(runs) == nil)
    }

    @Test func gridsHaveThePublishedSize() {
        #expect(ParametricStartGrid.epoch.count == 4500)
    }
}
