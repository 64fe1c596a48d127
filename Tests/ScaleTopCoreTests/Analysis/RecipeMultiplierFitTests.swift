import Foundation
import Testing
@testable import ScaleTopCore

/// The one-law comparison on points drawn exactly from its own model: Chinchilla's L(N, D) for the
/// baseline and the same law at m(C) times the compute for the recipe.
@Suite struct RecipeMultiplierFitTests {
    static func law(_ n: Double, _ d: Double) -> Double { 1.69 + 406.4 / pow(n, 0.34) + 410.7 / pow(d, 0.28) }

    /// Six runs of 20 tokens per parameter, 40 points each from 10 % of their tokens; the recipe's
    /// points at √m(C) times N and D.
    static func points(worth: ((Double) -> Double)?, firstRun: Int) -> [TrajectoryPoint] {
        var points: [TrajectoryPoint] = []
        for (k, n) in [1e7, 2.5e7, 6e7, 1.5e8, 4e8, 1e9].enumerated() {
            for j in 0..<40 {
                let d = 20 * n * (0.1 + 0.9 * Double(j) / 39)
                let s = worth.map { $0(6 * n * d).squareRoot() } ?? 1
                points.append(TrajectoryPoint(logParams: log(n), logTokens: log(d), logLoss: log(law(s * n, s * d)), run: firstRun + k))
            }
        }
        return points
    }

    @Test func aRecipeWorthAKnownMultiplierIsReadOffTheFit() throws {
        let worth: (Double) -> Double = { 1.5 * pow($0 / 1e18, -0.1) }
        let base = Self.points(worth: nil, firstRun: 0), other = Self.points(worth: worth, firstRun: 6)
        let fitter = RecipeMultiplierFitter()
        let fit = try #require(fitter.fit(base: base, other: other))
        for compute in [1e17, 1e19, 1e21] {
            #expect(abs(fit.multiplier(at: compute) / worth(compute) - 1) < 0.01, "\(compute)")
        }
        // m = 1 where 1.5·(C/1e18)^−0.1 = 1: C = 1e18·1.5^10.
        let crossing = try #require(fit.crossing(in: 1e15...1e23))
        #expect(abs(crossing / (1e18 * pow(1.5, 10)) - 1) < 0.05)
        // Refits of resampled runs scatter about the truth on exact points only by the fit's own tolerance.
        let refits = fitter.resampled(fit, base: base, other: other, resamples: 5, seed: 1).compactMap { $0 }
        #expect(refits.count == 5)
        #expect(refits.allSatisfy { abs($0.multiplier(at: 1e19) / worth(1e19) - 1) < 0.02 })
    }

    @Test func tooFewRunsOrOneSizeSaySo() {
        let fitter = RecipeMultiplierFitter()
        let base = Self.points(worth: nil, firstRun: 0)
        let fewRuns = base.filter { $0.run < 3 }
        #expect(fitter.unusableReason(base: base, other: fewRuns)?.contains("runs") == true)
        #expect(fitter.fit(base: base, other: fewRuns) == nil)
        let oneSize = base.map { TrajectoryPoint(logParams: log(1e8), logTokens: $0.logTokens, logLoss: $0.logLoss, run: $0.run) }
        #expect(fitter.unusableReason(base: oneSize, other: base)?.contains("sizes") == true)
        #expect(fitter.unusableReason(base: base, other: base) == nil)
    }
}
