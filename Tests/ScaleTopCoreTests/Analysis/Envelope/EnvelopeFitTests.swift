import Foundation
import Testing
import ScaleTopCore

@Suite struct EnvelopeFitTests {
    @Test func recoversAKnownLawAndPredictsAtHundredTimesTheLargestCompute() throws {
        let truth = SyntheticEnvelope()
        let fit = try #require(EnvelopeFitSolver().fit(truth.points(seed: 1)))
        #expect(fit.form == .withIrreducibleLoss)
        #expect(fit.points == truth.count)
        #expect(abs(fit.E - truth.E) < 0.05)
        #expect(abs(fit.alpha - truth.alpha) < 0.05)
        // The criterion: within 2 % of the truth at 100× the largest compute.
        let target = 100 * truth.largestCompute
        #expect(abs(fit.loss(at: target) / truth.loss(at: target) - 1) < 0.02)
    }

    @Test func reportsAForRawFlops() throws {
        let truth = SyntheticEnvelope(noise: 0)
        let fit = try #require(EnvelopeFitSolver().fit(truth.points(seed: 1)))
        #expect(abs(fit.A / truth.A - 1) < 1e-3)
        #expect(abs(fit.alpha - truth.alpha) < 1e-4)
        #expect(abs(fit.E - truth.E) < 1e-4)
        let compute = 3e19
        #expect(abs(fit.loss(at: compute) - (fit.E + fit.A * pow(compute, -fit.alpha))) < 1e-12)
    }

    @Test func fallsBackToAPurePowerLawWhenThereIsNoFloor() throws {
        // L = A·C^−α exactly (E = 0): the floor cannot be identified.
        let truth = SyntheticEnvelope(E: 0, A: 40, alpha: 0.05, noise: 0.002)
        let fit = try #require(EnvelopeFitSolver().fit(truth.points(seed: 3)))
        #expect(fit.isPurePowerLaw)
        #expect(fit.E == 0)
        #expect(abs(fit.alpha - 0.05) < 0.003)
        #expect(abs(fit.loss(at: 1e23) / truth.loss(at: 1e23) - 1) < 0.02)
    }

    @Test func fitsOnlyThePureLawOnFourPoints() throws {
        let fit = try #require(EnvelopeFitSolver().fit(SyntheticEnvelope(count: 4).points(seed: 1)))
        #expect(fit.form == .purePowerLaw(.tooFewPoints))
    }

    @Test func refusesFewerThanThreeUsablePoints() {
        let points = [
            ComputeLossPoint(compute: 1e18, loss: 3), ComputeLossPoint(compute: 1e19, loss: 2.5),
            ComputeLossPoint(compute: 1e20, loss: .nan), ComputeLossPoint(compute: 0, loss: 2),
        ]
        #expect(EnvelopeFitSolver().fit(points) == nil)
    }

    @Test func ignoresOutlyingPoints() throws {
        // Three points 20 % above the law (e.g. spikes that reached the envelope): the Huber
        // loss bounds their pull, so the prediction stays within 2 %.
        let truth = SyntheticEnvelope()
        var points = truth.points(seed: 5)
        for index in [10, 20, 30] { points[index].loss *= 1.2 }
        let fit = try #require(EnvelopeFitSolver().fit(points))
        let target = 100 * truth.largestCompute
        #expect(abs(fit.loss(at: target) / truth.loss(at: target) - 1) < 0.02)
    }
}
