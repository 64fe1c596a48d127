import Foundation

/// Two groups' envelopes fitted together with one irreducible loss E: L_base = E + A·C^−α and
/// L_other = E + A′·C^−α′. This is the law "the other group is the baseline at m(C)·C" with
/// m(C) = m₀·(C/C_ref)^γ: E + A·(m₀·(C/C_ref)^γ·C)^−α has exactly the form E + A′·C^−α′
/// (α′ = α·(1 + γ)). Sharing E pins the floor with both groups' points, where each group's own
/// fit leaves it loose, and m, which depends on L − E, moves much less with it.
public struct SharedFloorFit: Sendable, Equatable {
    public var base: EnvelopeLaw
    public var other: EnvelopeLaw
    /// The summed Huber objective of both groups.
    public var objective: Double
    /// [a_base, α_base, a_other, α_other, e], each a about its sample's ln C₀ (see `EnvelopeSample`).
    var optimum: [Double]
    var logReferenceBase: Double
    var logReferenceOther: Double

    /// The multiplier's law: m(C) = m₀·(C/C_ref)^γ, from the two laws (nil without α > 0).
    public func multiplierLaw(reference: Double) -> (m0: Double, gamma: Double)? {
        guard base.alpha > 0 else { return nil }
        let gamma = other.alpha / base.alpha - 1
        // ln A − α ln(m(C)·C) = ln A′ − α′ ln C  ⇒  ln m(C) = (ln A − ln A′)/α + (α′/α − 1)·ln C.
        let logM0 = (base.logA - other.logA) / base.alpha + gamma * Foundation.log(reference)
        return (Foundation.exp(logM0), gamma)
    }
}

/// f(a₁, α₁, a₂, α₂, e) = S_base(a₁, α₁, e) + S_other(a₂, α₂, e), each S the envelope fit's own
/// saturating objective, so the shared-floor fit weighs points exactly as the separate fits do.
struct SharedFloorObjective: Sendable {
    let base: SaturatingPowerLawObjective
    let other: SaturatingPowerLawObjective

    func evaluate(_ p: [Double], gradient: inout [Double]) -> Double {
        var g1 = [0.0, 0.0, 0.0], g2 = [0.0, 0.0, 0.0]
        let f1 = base.evaluate([p[0], p[1], p[4]], gradient: &g1)
        let f2 = other.evaluate([p[2], p[3], p[4]], gradient: &g2)
        gradient[0] = g1[0]
        gradient[1] = g1[1]
        gradient[2] = g2[0]
        gradient[3] = g2[1]
        gradient[4] = g1[2] + g2[2]
        return f1 + f2
    }
}

extension EnvelopeFitSolver {
    /// The shared-floor fit of two groups' envelopes: starts at E from each separate fit and at
    /// the grid's fractions of the smaller smallest loss, α from each group's own fit, A matched
    /// to the data; the lowest objective kept. Nil when either group has too few points.
    public func sharedFloorFit(base: [ComputeLossPoint], other: [ComputeLossPoint], baseFit: EnvelopeFit, otherFit: EnvelopeFit) -> SharedFloorFit? {
        let usableBase = base.filter(\.isUsable), usableOther = other.filter(\.isUsable)
        guard usableBase.count >= options.minimumPointsForIrreducibleLoss,
              usableOther.count >= options.minimumPointsForIrreducibleLoss else { return nil }
        let baseSample = EnvelopeSample(points: usableBase), otherSample = EnvelopeSample(points: usableOther)
        let huber = HuberLoss(delta: options.huberDelta)
        let objective = SharedFloorObjective(
            base: SaturatingPowerLawObjective(sample: baseSample, huber: huber),
            other: SaturatingPowerLawObjective(sample: otherSample, huber: huber))
        let smallest = min(Foundation.exp(baseSample.y.min() ?? 0), Foundation.exp(otherSample.y.min() ?? 0))
        var floors = options.startIrreducibleFractions.map { $0 * smallest }
        for fit in [baseFit, otherFit] where fit.E > 0 && fit.E < smallest { floors.append(fit.E) }
        let alphaBase = baseFit.alpha > 0 ? baseFit.alpha : 0.1, alphaOther = otherFit.alpha > 0 ? otherFit.alpha : 0.1
        var best: Minimum?
        for floor in floors {
            let start = [
                Self.matchedCoefficient(baseSample, alpha: alphaBase, floor: floor), alphaBase,
                Self.matchedCoefficient(otherSample, alpha: alphaOther, floor: floor), alphaOther,
                Foundation.log(floor),
            ]
            let found = options.minimizer.minimize(from: start, objective: objective.evaluate)
            if found.value.isFinite, best == nil || found.value < best!.value { best = found }
        }
        guard let best else { return nil }
        return Self.sharedFloorFit(best.point, value: best.value, base: baseSample.logReferenceCompute, other: otherSample.logReferenceCompute)
    }

    /// The shared-floor laws of `resamples` paired bootstrap resamples: the i-th draws both
    /// groups' points with replacement (a point drawn k times weighing k) and refits warm from
    /// `fit`'s optimum. A resample whose fit failed is nil.
    public func resampledSharedFloorLaws(of fit: SharedFloorFit, base: [ComputeLossPoint], other: [ComputeLossPoint], resamples: Int, seed: UInt64) -> [(EnvelopeLaw, EnvelopeLaw)?] {
        let usableBase = base.filter(\.isUsable), usableOther = other.filter(\.isUsable)
        guard !usableBase.isEmpty, !usableOther.isEmpty else { return [] }
        var baseSample = EnvelopeSample(points: usableBase), otherSample = EnvelopeSample(points: usableOther)
        let huber = HuberLoss(delta: options.huberDelta)
        var generator = SplitMix64(seed: seed)
        let p = fit.optimum
        // a about a new centre: A_c·(C/C₀)^−α = A_c·(C₀′/C₀)^−α·(C/C₀′)^−α.
        let shiftBase = fit.logReferenceBase - baseSample.logReferenceCompute
        let shiftOther = fit.logReferenceOther - otherSample.logReferenceCompute
        let start = [p[0] - p[1] * shiftBase, p[1], p[2] - p[3] * shiftOther, p[3], p[4]]
        var laws: [(EnvelopeLaw, EnvelopeLaw)?] = []
        laws.reserveCapacity(resamples)
        for _ in 0..<resamples {
            Self.redraw(&baseSample, using: &generator)
            Self.redraw(&otherSample, using: &generator)
            let objective = SharedFloorObjective(
                base: SaturatingPowerLawObjective(sample: baseSample, huber: huber),
                other: SaturatingPowerLawObjective(sample: otherSample, huber: huber))
            let found = options.minimizer.minimize(from: start, objective: objective.evaluate)
            guard found.value.isFinite else { laws.append(nil); continue }
            let refit = Self.sharedFloorFit(found.point, value: found.value, base: baseSample.logReferenceCompute, other: otherSample.logReferenceCompute)
            laws.append((refit.base, refit.other))
        }
        return laws
    }

    private static func sharedFloorFit(_ p: [Double], value: Double, base: Double, other: Double) -> SharedFloorFit {
        let E = Foundation.exp(p[4])
        // A_c·(C/C₀)^−α = (A_c·C₀^α)·C^−α, so ln A = a + α·ln C₀.
        return SharedFloorFit(
            base: EnvelopeLaw(E: E, logA: p[0] + p[1] * base, alpha: p[1]),
            other: EnvelopeLaw(E: E, logA: p[2] + p[3] * other, alpha: p[3]),
            objective: value, optimum: p, logReferenceBase: base, logReferenceOther: other)
    }

    /// ln of the median of (L − E)·(C/C₀)^α: the A that puts the curve through the data's middle.
    private static func matchedCoefficient(_ sample: EnvelopeSample, alpha: Double, floor: Double) -> Double {
        var values = (0..<sample.count).map { Foundation.log(max(Foundation.exp(sample.y[$0]) - floor, 1e-12)) + alpha * sample.x[$0] }
        values.sort()
        return values[values.count / 2]
    }

    private static func redraw(_ sample: inout EnvelopeSample, using generator: inout SplitMix64) {
        for index in 0..<sample.count { sample.weights[index] = 0 }
        for _ in 0..<sample.count { sample.weights[uniformIndex(below: sample.count, using: &generator)] += 1 }
    }
}
