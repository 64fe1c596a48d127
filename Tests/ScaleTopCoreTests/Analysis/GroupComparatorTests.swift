import Foundation
import Testing
@testable import ScaleTopCore

/// The compute multiplier between two laws, the first crossing, and the cases with no answer.
@Suite struct GroupComparatorTests {
    static let base = EnvelopeLaw(E: 1.8, logA: log(2000.0), alpha: 0.17)

    /// The baseline's law at m·C: E + A·(mC)^−α, i.e. ln A − α ln m.
    static func worth(_ m: Double) -> EnvelopeLaw {
        EnvelopeLaw(E: base.E, logA: base.logA - base.alpha * log(m), alpha: base.alpha)
    }

    @Test(arguments: [0.5, 1.3, 2.0, 10.0])
    func aLawWorthMTimesTheComputeGivesM(_ m: Double) throws {
        for compute in [1e17, 1e20, 1e23] {
            let found = try #require(GroupComparator.multiplier(base: Self.base, other: Self.worth(m), at: compute))
            #expect(abs(found / m - 1) < 1e-9)
        }
        #expect(GroupComparator.firstCrossing(Self.base, Self.worth(m), from: 1e15, to: 1e24) == nil)
    }

    @Test func theFirstCrossingIsWhereTheLossesMeet() throws {
        // Steeper but higher: equal losses where A₁C^−α₁ = A₂C^−α₂ (same E).
        let other = EnvelopeLaw(E: Self.base.E, logA: Self.base.logA + 0.1 * log(1e19), alpha: Self.base.alpha + 0.1)
        let crossing = try #require(GroupComparator.firstCrossing(Self.base, other, from: 1e15, to: 1e24))
        #expect(abs(log(crossing / 1e19)) < 1e-6)
        #expect(abs(GroupComparator.multiplier(base: Self.base, other: other, at: 1e19)! - 1) < 1e-6)
        #expect(GroupComparator.multiplier(base: Self.base, other: other, at: 1e17)! < 1)
        #expect(GroupComparator.multiplier(base: Self.base, other: other, at: 1e21)! > 1)
    }

    @Test func aLossBelowTheBaselinesFloorHasNoMultiplier() {
        // The other group's law ends below the baseline's E: no baseline compute reaches it.
        let other = EnvelopeLaw(E: 1.5, logA: Self.base.logA, alpha: Self.base.alpha)
        #expect(GroupComparator.multiplier(base: Self.base, other: other, at: 1e30) == nil)
        #expect(GroupComparator.multiplier(base: Self.base, other: other, at: 1e16) != nil)
    }

    @Test func theReportedReasonNamesTheFloor() throws {
        // Envelopes of the two laws, fitted and compared as the report does.
        func group(_ name: String, _ law: EnvelopeLaw) -> GroupAnalysis {
            var g = GroupAnalysis(name: name, runs: [])
            g.fitPoints = (0..<40).map { k in
                let c = 1e16 * pow(10, Double(k) / 10)
                return ComputeLossPoint(compute: c, loss: law.loss(at: c) * (1 + 0.002 * sin(Double(k))))
            }
            g.fit = EnvelopeFitSolver().fit(g.fitPoints)
            return g
        }
        var comparator = GroupComparator()
        comparator.resamples = 50
        let floorLow = EnvelopeLaw(E: 1.2, logA: log(900.0), alpha: 0.2)
        let result = comparator.compare(baseline: group("base", Self.base), other: group("new", floorLow), target: 1e26)
        #expect(result.multiplierAtTarget == nil)
        #expect(result.reason?.contains("below base's floor") == true)
        let finite = comparator.compare(baseline: group("base", Self.base), other: group("new", Self.worth(2)), target: 1e20)
        let m = try #require(finite.multiplierAtTarget)
        #expect(abs(m / 2 - 1) < 0.02)
        let low = try #require(finite.atTarget?.low), high = try #require(finite.atTarget?.high)
        #expect(low <= m && m <= high)
    }
}
