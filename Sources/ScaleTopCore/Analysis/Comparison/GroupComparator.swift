import Foundation

/// Compares two fitted groups: the compute multiplier at the target and across the compared
/// range, its band from paired bootstrap resamples of both groups' frontiers, and the first
/// crossing of the two fits. Both groups are fitted together with one floor E (`SharedFloorFit`)
/// unless that fits clearly worse than each group's own fit.
public struct GroupComparator: Sendable {
    public var resamples = 200
    public var seed: UInt64 = 0x5CA1_E70B
    public var lowerQuantile = 0.1
    public var upperQuantile = 0.9
    /// Computes in the multiplier curve.
    public var curvePoints = 41
    public var solver = EnvelopeFitSolver()
    /// The shared-floor fit is used unless `GroupComparison.separateFloorsEvidence` reaches this:
    /// the two groups' floors then differ by more than their envelopes' noise explains.
    public var minimumSeparateFloorsEvidence = 4.0

    /// Frontier samples per group the bootstrap resamples on smoothed frontiers: half the
    /// unsmoothed number, as smoothing makes neighbouring samples share their noise.
    public var smoothedBandSamples = 50
    /// Fits both groups' runs point by point as one law (`RecipeMultiplierFit`) when each has
    /// runs enough with a parameter count and their envelopes share a floor (the law's recipe
    /// shares the baseline's E); false keeps the envelope fits.
    public var parametric = true
    public var recipeFitter = RecipeMultiplierFitter()

    public init() {}

    public func compare(baseline: GroupAnalysis, other: GroupAnalysis, target: Double?) -> GroupComparison {
        var result = GroupComparison(baseline: baseline.name, other: other.name, target: target)
        guard let baseOwnFit = baseline.fit, let otherOwnFit = other.fit else {
            let missing = baseline.fit == nil ? baseline : other
            result.reason = "\(missing.name): \(missing.noFitReason ?? "no fit")"
            return result
        }
        // The smoothed frontiers when both have a fit, else the groups' own.
        var (baseFit, otherFit) = (baseOwnFit, otherOwnFit)
        var (baseAll, otherAll) = (baseline.fitPoints, other.fitPoints)
        var smoothed = false
        if let smoothBase = baseline.comparisonFit, let smoothOther = other.comparisonFit {
            (baseFit, otherFit) = (smoothBase, smoothOther)
            (baseAll, otherAll) = (baseline.comparisonPoints, other.comparisonPoints)
            smoothed = true
        }
        let computes = (baseAll + otherAll).map(\.compute).filter { $0 > 0 && $0.isFinite }
        guard let lowest = computes.min(), let highest = computes.max() else { return result }
        let top = max(highest, target ?? highest)
        result.range = lowest...top

        var base = EnvelopeLaw(baseFit), new = EnvelopeLaw(otherFit)
        var pairs: [(EnvelopeLaw, EnvelopeLaw)] = []
        let bandCount = smoothed ? smoothedBandSamples : SweepAnalyzer.bandSamples
        let basePoints = SweepAnalyzer.bandPoints(baseAll, count: bandCount), otherPoints = SweepAnalyzer.bandPoints(otherAll, count: bandCount)
        let shared = solver.sharedFloorFit(base: baseAll, other: otherAll, baseFit: baseFit, otherFit: otherFit)
        if let shared {
            result.separateFloorsEvidence = Self.separateFloorsEvidence(
                shared: shared.objective, separate: baseFit.objective + otherFit.objective, points: basePoints.count + otherPoints.count)
        }
        // One floor for both (the parametric law's recipe shares the baseline's E): fitted point
        // by point when the runs allow it.
        let floorsAgree = shared != nil && (result.separateFloorsEvidence ?? .infinity) < minimumSeparateFloorsEvidence
        if parametric, floorsAgree, let compared = compareParametric(baseline: baseline, other: other, target: target, range: lowest...top, into: result) {
            return compared
        }
        if let shared, let evidence = result.separateFloorsEvidence, evidence < minimumSeparateFloorsEvidence {
            result.method = .sharedFloor
            (base, new) = (shared.base, shared.other)
            if resamples > 0 {
                pairs = solver.resampledSharedFloorLaws(of: shared, base: basePoints, other: otherPoints, resamples: resamples, seed: seed).compactMap { $0 }
            }
        } else if resamples > 0 {
            let baseLaws = solver.resampledLaws(of: baseFit, points: basePoints, resamples: resamples, seed: seed)
            let otherLaws = solver.resampledLaws(of: otherFit, points: otherPoints, resamples: resamples, seed: seed ^ 0x9E37_79B9_7F4A_7C15)
            pairs = zip(baseLaws, otherLaws).compactMap { a, b in
                guard let a, let b else { return nil }
                return (a, b)
            }
        }

        func point(at compute: Double) -> GroupComparison.Point {
            let m = Self.multiplier(base: base, other: new, at: compute)
            var samples: [Double] = []
            samples.reserveCapacity(pairs.count)
            for (a, b) in pairs {
                // No compute of the baseline reaches the other's loss: it is worth more than any.
                samples.append(Self.multiplier(base: a, other: b, at: compute) ?? .infinity)
            }
            guard !pairs.isEmpty, pairs.count * 2 >= resamples else {
                return GroupComparison.Point(compute: compute, multiplier: m, low: nil, high: nil)
            }
            return GroupComparison.Point(
                compute: compute, multiplier: m,
                low: quantile(samples, lowerQuantile), high: quantile(samples, upperQuantile))
        }

        if let target {
            let at = point(at: target)
            result.atTarget = at
            if at.multiplier == nil {
                let loss = new.loss(at: target)
                result.reason = "\(other.name)'s loss at \(Self.flops(target)) (\(Self.decimal(loss))) is below \(baseline.name)'s floor E = \(Self.decimal(base.E)): \(baseline.name) never reaches it"
            }
        } else {
            result.reason = "no target: pass --target FLOPS"
        }
        let count = max(2, curvePoints)
        let span = log(top / lowest)
        result.curve = (0..<count).map { k in point(at: lowest * exp(span * Double(k) / Double(count - 1))) }
        result.crossingFlops = Self.firstCrossing(base, new, from: lowest, to: top)
        return result
    }

    /// The comparison by `RecipeMultiplierFit`: m and its band straight from the fit and its
    /// run-resampled refits, the crossing where m = 1. Nil when the groups cannot be fitted so.
    func compareParametric(baseline: GroupAnalysis, other: GroupAnalysis, target: Double?, range: ClosedRange<Double>, into start: GroupComparison) -> GroupComparison? {
        guard recipeFitter.unusableReason(base: baseline.trajectory, other: other.trajectory) == nil,
              let fit = recipeFitter.fit(base: baseline.trajectory, other: other.trajectory) else { return nil }
        var result = start
        result.method = .parametric
        let fits = resamples > 0
            ? recipeFitter.resampled(fit, base: baseline.trajectory, other: other.trajectory, resamples: resamples, seed: seed).compactMap { $0 }
            : []
        func point(at compute: Double) -> GroupComparison.Point {
            let m = fit.multiplier(at: compute)
            guard !fits.isEmpty, fits.count * 2 >= resamples else {
                return GroupComparison.Point(compute: compute, multiplier: m, low: nil, high: nil)
            }
            let samples = fits.map { $0.multiplier(at: compute) }
            return GroupComparison.Point(compute: compute, multiplier: m, low: quantile(samples, lowerQuantile), high: quantile(samples, upperQuantile))
        }
        if let target { result.atTarget = point(at: target) } else { result.reason = "no target: pass --target FLOPS" }
        let count = max(2, curvePoints)
        let span = Foundation.log(range.upperBound / range.lowerBound)
        result.curve = (0..<count).map { k in point(at: range.lowerBound * Foundation.exp(span * Double(k) / Double(count - 1))) }
        result.crossingFlops = fit.crossing(in: range)
        return result
    }

    /// m(C) = C_base / C with L_base(C_base) = L_other(C); nil when the other law's loss at C is
    /// at or below the baseline's floor.
    public static func multiplier(base: EnvelopeLaw, other: EnvelopeLaw, at compute: Double) -> Double? {
        guard let logBase = base.logCompute(reaching: other.loss(at: compute)) else { return nil }
        let m = exp(logBase - log(compute))
        return m.isFinite && m > 0 ? m : nil
    }

    /// (n − 6)·(f_shared/f_separate − 1): the F-like statistic for the one parameter the shared
    /// floor gives up (as `EnvelopeFit.evidenceForIrreducibleLoss`), n the bootstrap's points.
    static func separateFloorsEvidence(shared: Double, separate: Double, points: Int) -> Double {
        guard shared > separate else { return 0 }
        guard separate > 0 else { return .infinity }
        return Double(max(points - 6, 1)) * (shared / separate - 1)
    }

    /// The smallest compute in [from, to] where the two laws' losses are equal (a change of sign
    /// on a log grid of 400 steps, refined by bisection in ln C).
    public static func firstCrossing(_ a: EnvelopeLaw, _ b: EnvelopeLaw, from: Double, to: Double) -> Double? {
        guard from > 0, to > from else { return nil }
        let steps = 400
        let lo = log(from), hi = log(to)
        func gap(_ x: Double) -> Double { b.loss(at: exp(x)) - a.loss(at: exp(x)) }
        var previousX = lo
        var previous = gap(lo)
        for k in 1...steps {
            let x = lo + (hi - lo) * Double(k) / Double(steps)
            let value = gap(x)
            if previous == 0 { return exp(previousX) }
            if previous.sign != value.sign, previous.isFinite, value.isFinite {
                var left = previousX, right = x, leftValue = previous
                for _ in 0..<60 {
                    let middle = 0.5 * (left + right)
                    let v = gap(middle)
                    if v.sign == leftValue.sign { left = middle; leftValue = v } else { right = middle }
                }
                return exp(0.5 * (left + right))
            }
            previousX = x
            previous = value
        }
        return nil
    }

    static func flops(_ value: Double) -> String { NumberText.short(value) }
    static func decimal(_ value: Double) -> String { NumberText.fixed(value, digits: 3) }
}
