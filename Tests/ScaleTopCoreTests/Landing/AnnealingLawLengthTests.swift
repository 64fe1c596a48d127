import Foundation
@testable import ScaleTopCore
import Testing

/// The annealing law's drop strength moves with the planned length of a run, and a running run's
/// level prior stays usable where the sweep gives little to go on.
@Suite struct AnnealingLawLengthTests {
    /// Curves made by the law itself, cosine to zero over 2k, 4k and 8k steps, with a drop strength
    /// κ·(T/4000)^−0.5: the fit finds the exponent, and the law moved to a length gives its κ.
    @Test func theFitRecoversHowTheDropMovesWithTheRunsLength() throws {
        let (alpha, lambda, kappa, delta) = (0.3, 0.995, 1.2e-4, -0.5)
        var curves: [AnnealingCurveLaw.Curve] = []
        for total in [2000.0, 4000, 8000] {
            let declaration: [String: Any] = ["lr_scheduler_type": "cosine", "total_steps": total, "peak_lr": 1e-3, "warmup_steps": 0.02 * total]
            guard case let .success(schedule)? = ScheduleDeclaration.parse(declaration) else { Issue.record("declaration"); return }
            let steps = (1...100).map { 0.1 * total + 0.9 * total * Double($0) / 100 }
            let areas = AnnealingCurveLaw.areas(schedule, steps: steps, lambda: lambda)
            let k = kappa * pow(total / 4000, delta)
            let losses = zip(areas.s1, areas.s2).map { 2.5 + 3 * (pow($0, -alpha) - k * $1) }
            curves.append(AnnealingCurveLaw.Curve(steps: steps, losses: losses, schedule: schedule, params: 1e8, totalSteps: total))
        }
        let fitted = try #require(AnnealingCurveLaw.fit(curves)).law
        print("[annealing] fitted α \(fitted.alpha) λ \(fitted.lambda) δ \(fitted.lengthExponent) κ(4000) \(fitted.at(totalSteps: 4000).kappa)")
        #expect(abs(fitted.lengthExponent - delta) < 0.1)
        #expect(abs(fitted.alpha / alpha - 1) < 0.05 && fitted.lambda == lambda)
        #expect(abs(fitted.at(totalSteps: 4000).kappa / kappa - 1) < 0.1)
        // The same curves all planned to one length: no exponent is fitted.
        let oneLength = curves.map { c -> AnnealingCurveLaw.Curve in var c = c; c.totalSteps = 4000; return c }
        #expect(try #require(AnnealingCurveLaw.fit(oneLength)).law.lengthExponent == 0)
    }

    /// A level of the run's own size fitted below 0 (L0 and A traded off along a curve that bends
    /// little) still gives a prior with a spread, a share of the run's loss, not 0.
    @Test func aLevelBelowZeroStillGivesAPriorWithASpread() throws {
        var model = SweepLandingModel()
        model.levels = [AnnealingCurveLaw.Level(l0: -0.1, a: 9, params: 1e7, residual: 0.01)]
        let prior = try #require(model.levelPrior(params: 1e7, lossLevel: 4))
        #expect(prior.mean == -0.1 && abs(prior.spread - 0.012) < 1e-12)
    }

    /// Without L(N, D), the level is read off a line in ln N through three levels or more, loosely
    /// (at least 2 % of the run's loss); with two, there is no prior.
    @Test func withoutTheSweepsLawTheLevelComesFromALineInSize() throws {
        var model = SweepLandingModel()
        model.levels = [1e7, 1e8].map { AnnealingCurveLaw.Level(l0: 5 - 0.5 * log10($0), a: 3, params: $0, residual: 0.01) }
        #expect(model.levelPrior(params: 1e9, lossLevel: 3) == nil)
        model.levels.append(AnnealingCurveLaw.Level(l0: 5 - 0.5 * 9.5, a: 3, params: pow(10, 9.5), residual: 0.01))
        let prior = try #require(model.levelPrior(params: 1e9, lossLevel: 3))
        #expect(abs(prior.mean - 0.5) < 1e-9 && abs(prior.spread - 0.06) < 1e-9 && prior.loose)
    }
}
