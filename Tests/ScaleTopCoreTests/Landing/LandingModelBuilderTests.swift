import Foundation
@testable import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// The landing model kept up to date as a sweep grows (`LandingModelBuilder`) against the model
/// built from nothing (`SweepLandingModel.build`) on the same sweep: a schedule sweep of four
/// sizes (each under cosine, WSD, constant and two-stage, declared), read as it grows.
@Suite struct LandingModelBuilderTests {
    static let sizes = [1e7, 2.5e7, 6e7, 1.5e8]

    /// The sweep read with `cut` (run name → share of its planned steps logged).
    static func sweep(cut: [String: Double]) throws -> Sweep {
        let dir = try TemporaryDirectory(prefix: "landing-builder")
        try ScheduledSweepFixture(sizes: sizes, seed: 4).write(into: dir.url, cut: cut)
        return try SweepFixture.readOnce([dir.path]).sweep
    }

    /// Each run of the largest size projected from 40 % of its points under its schedule.
    static func projections(_ model: SweepLandingModel, sweep: Sweep) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for run in sweep.runs where run.meta.params == sizes.last {
            let series = CurveSeries(run: run)
            guard case let .success(schedule)? = sweep.schedule(for: run) else { continue }
            let estimate = try #require(model.projectWithSchedule(series.prefix(series.count * 2 / 5), schedule: schedule, params: run.meta.params))
            result[run.name] = exp(estimate.logLoss)
        }
        return result
    }

    /// The reused model and the cold one agree: the same law within 2 % in α and κ (λ the same),
    /// and each projection within 0.05 % of the loss (projections are judged on about 1 %).
    static func expectAgreement(_ reused: SweepLandingModel, _ cold: SweepLandingModel, sweep: Sweep) throws {
        let w = try #require(reused.annealing), c = try #require(cold.annealing)
        #expect(w.lambda == c.lambda)
        #expect(abs(w.alpha / c.alpha - 1) < 0.02, "α \(w.alpha) reused, \(c.alpha) cold")
        #expect(abs(w.kappa / c.kappa - 1) < 0.02, "κ \(w.kappa) reused, \(c.kappa) cold")
        #expect(reused.levels.count == cold.levels.count && reused.shapes.count == cold.shapes.count)
        let reusedLoss = try projections(reused, sweep: sweep), coldLoss = try projections(cold, sweep: sweep)
        #expect(reusedLoss.count == 4 && Set(reusedLoss.keys) == Set(coldLoss.keys))
        for (name, loss) in reusedLoss {
            let reference = try #require(coldLoss[name])
            print("[landing-builder] \(name): reused \(NumberText.fixed(loss, digits: 5)) cold \(NumberText.fixed(reference, digits: 5))")
            #expect(abs(loss / reference - 1) < 0.0005, "\(name): reused \(loss), cold \(reference)")
        }
    }

    /// A run finishes: the shared law is refitted with every other run's contribution reused, and
    /// the model is the cold one exactly; so is a builder's first model.
    @Test func aRunThatFinishesRefitsAndMatchesTheColdModelExactly() throws {
        let finishing = "N150M-cosine"
        let before = try Self.sweep(cut: [finishing: 0.9])
        let after = try Self.sweep(cut: [:])
        var builder = LandingModelBuilder()
        let first = builder.update(before, law: nil)
        let coldBefore = SweepLandingModel.build(before, law: nil)
        #expect(first.annealing == coldBefore.annealing && first.levels == coldBefore.levels)
        let refitted = builder.update(after, law: nil)
        #expect(builder.lawFits == 2 && builder.keptFits == 0 && refitted.revision == first.revision + 1)
        let cold = SweepLandingModel.build(after, law: nil)
        #expect(refitted.annealing == cold.annealing && refitted.levels == cold.levels)
        #expect(refitted.shapes.map(\.ratio) == cold.shapes.map(\.ratio) && refitted.excessGrid.elementsEqual(cold.excessGrid) { $0 == $1 || $0.isNaN && $1.isNaN })
        #expect(try Self.projections(refitted, sweep: after) == Self.projections(cold, sweep: after))
    }

    /// A finished run a point longer keeps the shared law (its level fitted under it); a point
    /// more on a running run changes nothing, and the model is the same value, revision and all.
    @Test func newPointsReuseTheSharedLawOrTheWholeModel() throws {
        // A run at 99.5 % of its plan counts as finished; its last point comes after.
        let nearlyDone = "N60M-wsd", running = "N150M-constant"
        let before = try Self.sweep(cut: [nearlyDone: 0.995, running: 0.4])
        let later = try Self.sweep(cut: [nearlyDone: 0.995, running: 0.45])
        let after = try Self.sweep(cut: [running: 0.45])
        var builder = LandingModelBuilder()
        let first = builder.update(before, law: nil)
        let same = builder.update(later, law: nil)
        #expect(same.revision == first.revision && same.annealing == first.annealing && same.levels == first.levels)
        let kept = builder.update(after, law: nil)
        #expect(builder.keptFits == 1 && builder.lawFits == 1 && kept.revision == first.revision + 1)
        #expect(kept.annealing == first.annealing)
        try Self.expectAgreement(kept, SweepLandingModel.build(after, law: nil), sweep: after)
    }
}
