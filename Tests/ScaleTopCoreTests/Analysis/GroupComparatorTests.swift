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
        // Floors 1.2 and 1.8: one shared floor fits clearly worse, so each group keeps its own.
        #expect(result.method == .separate)
        #expect((result.separateFloorsEvidence ?? 0) >= comparator.minimumSeparateFloorsEvidence)
        let finite = comparator.compare(baseline: group("base", Self.base), other: group("new", Self.worth(2)), target: 1e20)
        let m = try #require(finite.multiplierAtTarget)
        #expect(finite.method == .sharedFloor)
        #expect(abs(m / 2 - 1) < 0.02)
        let low = try #require(finite.atTarget?.low), high = try #require(finite.atTarget?.high)
        #expect(low <= m && m <= high)
    }

    /// Envelope points of a law with a small wobble, as the comparison's fits see them.
    static func points(_ law: EnvelopeLaw, from: Double, decades: Double, phase: Double) -> [ComputeLossPoint] {
        (0..<60).map { k in
            let c = from * pow(10, decades * Double(k) / 59)
            return ComputeLossPoint(compute: c, loss: law.loss(at: c) * (1 + 0.002 * sin(Double(k) + phase)))
        }
    }

    @Test func theSharedFloorFitRecoversALogLinearMultiplier() throws {
        // m(C) = (C/1e19)^−0.15: the baseline's law at m(C)·C is E + A′·C^−α′ with α′ = 0.85α
        // and ln A′ = ln A − 0.15α·ln 1e19.
        let base = Self.base
        let other = EnvelopeLaw(E: base.E, logA: base.logA - 0.15 * base.alpha * log(1e19), alpha: 0.85 * base.alpha)
        let solver = EnvelopeFitSolver()
        let basePoints = Self.points(base, from: 1e17, decades: 3, phase: 0)
        let otherPoints = Self.points(other, from: 1e17, decades: 3, phase: 1.7)
        let baseFit = try #require(solver.fit(basePoints)), otherFit = try #require(solver.fit(otherPoints))
        let shared = try #require(solver.sharedFloorFit(base: basePoints, other: otherPoints, baseFit: baseFit, otherFit: otherFit))
        let law = try #require(shared.multiplierLaw(reference: 1e19))
        #expect(abs(law.m0 - 1) < 0.05)
        #expect(abs(law.gamma + 0.15) < 0.02)
        #expect(abs(shared.base.E / base.E - 1) < 0.02)
        // Its resamples pair both groups' laws, every one with the same floor.
        let resampled = solver.resampledSharedFloorLaws(of: shared, base: basePoints, other: otherPoints, resamples: 20, seed: 7)
        #expect(resampled.count == 20)
        for pair in resampled.compactMap({ $0 }) { #expect(pair.0.E == pair.1.E) }
    }

    @Test func smoothingKeepsAStraightLogLogLineAndQuietsNoise() {
        let line = (0..<90).map { k in ComputeLossPoint(compute: 1e18 * pow(10, Double(k) / 45), loss: 3 * pow(1e18 * pow(10, Double(k) / 45) / 1e18, -0.1)) }
        let smoother = LocalLinearSmoother(halfWidthFraction: 1.0 / 15)
        for (a, b) in zip(line, smoother.smooth(line)) { #expect(abs(a.loss / b.loss - 1) < 1e-9) }
        var generator = SplitMix64(seed: 3)
        let noisy = line.map { ComputeLossPoint(compute: $0.compute, loss: $0.loss * (1 + 0.02 * (Double(generator.next() % 2001) / 1000 - 1))) }
        func spread(_ points: [ComputeLossPoint]) -> Double {
            zip(points, line).map { abs(log($0.loss / $1.loss)) }.reduce(0, +) / Double(points.count)
        }
        #expect(spread(smoother.smooth(noisy)) < 0.5 * spread(noisy))
        // A curve of 20 points keeps its points when the window would be under one point wide.
        let short = Array(noisy.prefix(20))
        #expect(LocalLinearSmoother(halfWidthFraction: 1.0 / 30).smooth(short) == short)
    }
}
