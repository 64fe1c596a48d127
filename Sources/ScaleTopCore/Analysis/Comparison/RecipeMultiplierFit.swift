import Foundation

/// Both groups' runs, every point, fitted as one law: the baseline follows Chinchilla's
/// L(N, D) = E + A/N^α + B/D^β, and the other recipe is the baseline at m(C) times the compute,
/// L_other(N, D) = L_base(√m·N, √m·D) with m(C) = m₀·(C/C_ref)^γ, C = 6·N·D. The compute-optimal
/// frontiers of two such laws satisfy L*_other(C) = L*_base(m(C)·C) exactly, so m(C) is the
/// multiplier of the two frontiers, read off the fit without drawing any envelope: a lower
/// envelope of a few runs touches the frontier only near each run's best point, and two groups
/// whose runs sit at other places along it are compared with a bias. Fitting all points also
/// averages their noise instead of keeping the luckiest.
public struct RecipeMultiplierFit: Sendable, Equatable {
    /// [a, b, e, α, β, μ, γ]: A = eᵃ, B = eᵇ, E = eᵉ, ln m(C) = μ + γ·(ln C − `logReference`).
    public var parameters: [Double]
    public var logReference: Double
    /// The mean squared log residual over both groups' points.
    public var meanSquaredResidual: Double

    public var E: Double { Foundation.exp(parameters[2]) }
    public var gamma: Double { parameters[6] }

    public func multiplier(at compute: Double) -> Double {
        Foundation.exp(parameters[5] + parameters[6] * (Foundation.log(compute) - logReference))
    }

    /// Where m(C) = 1, nil when γ = 0 or it is outside `range`.
    public func crossing(in range: ClosedRange<Double>) -> Double? {
        guard parameters[6] != 0 else { return nil }
        let logCompute = logReference - parameters[5] / parameters[6]
        guard logCompute.isFinite, logCompute >= Foundation.log(range.lowerBound), logCompute <= Foundation.log(range.upperBound) else { return nil }
        return Foundation.exp(logCompute)
    }
}

/// ½·Σ wᵢ·(ln L̂ᵢ − ln Lᵢ)² over both groups' points, with its analytic gradient; the other
/// group's points enter at ln N + s and ln D + s, s = ½·ln m(C).
struct RecipeMultiplierObjective: Sendable {
    let base: [TrajectoryPoint]
    let other: [TrajectoryPoint]
    let logReference: Double
    /// Per point, base then other: how many times its run was drawn.
    var weights: [Double]

    func evaluate(_ x: [Double], gradient: inout [Double]) -> Double {
        let a = x[0], b = x[1], e = x[2], alpha = x[3], beta = x[4], mu = x[5], gamma = x[6]
        var g = [Double](repeating: 0, count: 7)
        var total = 0.0
        var index = 0
        for (points, isOther) in [(base, false), (other, true)] {
            for point in points {
                let weight = weights[index]
                index += 1
                if weight == 0 { continue }
                let lever = point.logCompute - logReference
                let shift = isOther ? 0.5 * (mu + gamma * lever) : 0
                let u = a - alpha * (point.logParams + shift), v = b - beta * (point.logTokens + shift)
                let top = Swift.max(u, Swift.max(v, e))
                let wu = Foundation.exp(u - top), wv = Foundation.exp(v - top), we = Foundation.exp(e - top)
                let sum = wu + wv + we
                let residual = top + Foundation.log(sum) - point.logLoss
                total += 0.5 * weight * residual * residual
                let pu = weight * residual * wu / sum, pv = weight * residual * wv / sum
                g[0] += pu
                g[1] += pv
                g[2] += weight * residual * we / sum
                g[3] -= pu * (point.logParams + shift)
                g[4] -= pv * (point.logTokens + shift)
                if isOther {
                    let ds = -(alpha * pu + beta * pv)
                    g[5] += 0.5 * ds
                    g[6] += 0.5 * ds * lever
                }
            }
        }
        for k in 0..<7 { gradient[k] = g[k] }
        return total
    }
}

/// Fits `RecipeMultiplierFit` and its resamples.
public struct RecipeMultiplierFitter: Sendable {
    public var minimizer = LBFGSMinimizer.scipyDefaults
    /// Runs each group needs, with two model sizes at least (as the parametric fit needs).
    public var minimumRuns = 4
    /// Points per run the resamples refit: fewer than the fit's, for speed; the resample's run
    /// draws, not the points' noise, make the band.
    public var resamplePointsPerRun = 60

    public init() {}

    /// Why the two groups cannot be fitted this way, nil when they can.
    public func unusableReason(base: [TrajectoryPoint], other: [TrajectoryPoint]) -> String? {
        for points in [base, other] {
            let runs = Set(points.map(\.run))
            if runs.count < minimumRuns { return "needs \(minimumRuns) runs with a parameter count per group" }
            if Set(points.map(\.logParams)).count < 2 { return "needs two model sizes per group" }
        }
        return nil
    }

    public func fit(base: [TrajectoryPoint], other: [TrajectoryPoint]) -> RecipeMultiplierFit? {
        guard unusableReason(base: base, other: other) == nil else { return nil }
        let logReference = other.reduce(0) { $0 + $1.logCompute } / Double(other.count)
        let objective = RecipeMultiplierObjective(
            base: base, other: other, logReference: logReference,
            weights: [Double](repeating: 1, count: base.count + other.count))
        // Starts: [a, b, e, α, β, μ, γ]; the recipe starts as worth the baseline's compute.
        let starts: [[Double]] = [
            [5, 5, 0.3, 0.3, 0.3, 0, 0], [10, 10, 0, 0.5, 0.5, 0, 0], [3, 7, 0.6, 0.2, 0.4, 0, 0],
            [7, 3, 0.6, 0.4, 0.2, 0, 0], [2, 2, 1.2, 0.2, 0.2, 0, 0],
        ]
        var best: Minimum?
        for start in starts {
            let found = minimizer.minimize(from: start) { x, gradient in objective.evaluate(x, gradient: &gradient) }
            if found.value.isFinite, best == nil || found.value < best!.value { best = found }
        }
        guard let best, best.point.allSatisfy(\.isFinite), best.point[3] > 0, best.point[4] > 0 else { return nil }
        return RecipeMultiplierFit(
            parameters: best.point, logReference: logReference,
            meanSquaredResidual: 2 * best.value / Double(base.count + other.count))
    }

    /// `resamples` refits, each drawing each group's runs with replacement (a run drawn k times
    /// weighing k), warm from `fit`: the runs' own departures from the law, not only their
    /// points' noise, spread the band. A failed refit is nil.
    public func resampled(_ fit: RecipeMultiplierFit, base: [TrajectoryPoint], other: [TrajectoryPoint], resamples: Int, seed: UInt64) -> [RecipeMultiplierFit?] {
        let base = Self.thinned(base, perRun: resamplePointsPerRun), other = Self.thinned(other, perRun: resamplePointsPerRun)
        let baseRuns = Self.runsInOrder(base), otherRuns = Self.runsInOrder(other)
        guard !baseRuns.isEmpty, !otherRuns.isEmpty else { return [] }
        var objective = RecipeMultiplierObjective(
            base: base, other: other, logReference: fit.logReference,
            weights: [Double](repeating: 1, count: base.count + other.count))
        var generator = SplitMix64(seed: seed)
        var fits: [RecipeMultiplierFit?] = []
        fits.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let baseDraws = Self.draws(baseRuns, using: &generator), otherDraws = Self.draws(otherRuns, using: &generator)
            objective.weights = base.map { baseDraws[$0.run] ?? 0 } + other.map { otherDraws[$0.run] ?? 0 }
            let found = minimizer.minimize(from: fit.parameters) { x, gradient in objective.evaluate(x, gradient: &gradient) }
            guard found.value.isFinite, found.point.allSatisfy(\.isFinite) else { fits.append(nil); continue }
            fits.append(RecipeMultiplierFit(parameters: found.point, logReference: fit.logReference, meanSquaredResidual: .nan))
        }
        return fits
    }

    /// Each run's points cut to `perRun`, evenly spread.
    static func thinned(_ points: [TrajectoryPoint], perRun: Int) -> [TrajectoryPoint] {
        var byRun: [Int: [TrajectoryPoint]] = [:]
        for point in points { byRun[point.run, default: []].append(point) }
        var result: [TrajectoryPoint] = []
        for run in runsInOrder(points) {
            let own = byRun[run]!
            let stride = max(1.0, Double(own.count) / Double(max(1, perRun)))
            var position = 0.0
            while Int(position) < own.count {
                result.append(own[Int(position)])
                position += stride
            }
        }
        return result
    }

    /// The runs in the order their points come (`TrajectorySampler`'s, independent of reading order).
    static func runsInOrder(_ points: [TrajectoryPoint]) -> [Int] {
        var seen = Set<Int>()
        return points.compactMap { seen.insert($0.run).inserted ? $0.run : nil }
    }

    /// How many times each of `runs` is drawn in `runs.count` draws with replacement.
    private static func draws(_ runs: [Int], using generator: inout SplitMix64) -> [Int: Double] {
        var counts: [Int: Double] = [:]
        for _ in 0..<runs.count { counts[runs[uniformIndex(below: runs.count, using: &generator)], default: 0] += 1 }
        return counts
    }
}
