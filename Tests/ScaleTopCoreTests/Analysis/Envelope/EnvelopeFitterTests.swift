import Foundation
import Testing
import ScaleTopCore

@Suite struct EnvelopeFitterTests {
    @Test func skipsAnUnchangedEnvelopeAndWarmStartsOnAChangedOne() throws {
        let points = SyntheticEnvelope().points(seed: 7)
        var fitter = EnvelopeFitter()
        let firstUpdate = fitter.update(points: Array(points.prefix(30)))
        let first = try #require(firstUpdate)
        #expect(fitter.fullFits == 1 && fitter.warmFits == 0 && fitter.skipped == 0)
        #expect(fitter.lastRefitMilliseconds != nil)

        #expect(fitter.update(points: Array(points.prefix(30))) == first)
        #expect(fitter.skipped == 1 && fitter.fullFits == 1)

        let warmUpdate = fitter.update(points: Array(points.prefix(31)))
        let warm = try #require(warmUpdate)
        #expect(fitter.warmFits == 1 && fitter.fullFits == 1)
        // The warm fit lands where a fresh multi-start fit does.
        let fresh = try #require(EnvelopeFitSolver().fit(Array(points.prefix(31))))
        #expect(abs(warm.loss(at: 1e23) - fresh.loss(at: 1e23)) < 1e-6)
        #expect(abs(warm.objective - fresh.objective) <= 1e-9 * max(fresh.objective, 1e-9))
    }

    @Test func runsAFullFitEveryIntervalChanges() {
        let points = SyntheticEnvelope().points(seed: 8)
        var fitter = EnvelopeFitter(fullRefitInterval: 5)
        for count in 20...31 { fitter.update(points: Array(points.prefix(count))) }
        // 12 changes: full at changes 1, 6 and 11, warm in between.
        #expect(fitter.fullFits == 3)
        #expect(fitter.warmFits == 9)
    }

    @Test func fallsBackToAFullFitWhenTheWarmFitGetsWorse() throws {
        // The envelope is replaced by one from a different law: the warm optimum fits it worse
        // than the old fit fitted the old data, which must trigger a full multi-start.
        var fitter = EnvelopeFitter()
        fitter.update(points: SyntheticEnvelope().points(seed: 9))
        let other = SyntheticEnvelope(E: 0.8, A: 3e3, alpha: 0.15)
        let update = fitter.update(points: other.points(seed: 10))
        let fit = try #require(update)
        #expect(fitter.warmFits == 1)
        #expect(fitter.fullFits == 2)
        #expect(abs(fit.loss(at: 1e23) / other.loss(at: 1e23) - 1) < 0.02)
    }

    @Test func staysStableWhileTheLastTenPercentOfPointsArrive() throws {
        // The stability criterion: α moves by less than 10 % while the last 10 % of the
        // envelope arrives one point at a time.
        let points = SyntheticEnvelope(count: 100, noise: 0.01).points(seed: 11)
        var fitter = EnvelopeFitter()
        var alphas: [Double] = []
        for count in 90...100 {
            let update = fitter.update(points: Array(points.prefix(count)))
            alphas.append(try #require(update).alpha)
        }
        let spread = (alphas.max()! - alphas.min()!) / alphas[0]
        #expect(spread < 0.1)
    }
}
