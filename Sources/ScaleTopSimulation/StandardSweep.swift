import Foundation
import ScaleTopCore

/// The sweep `scaletop simulate` writes: sizes log-spaced from 10M to 1B parameters, mostly trained
/// compute-optimally (~20 tokens per parameter), with
/// - an IsoFLOP group (7+ runs): the middle run's two neighbours get the middle run's compute, one
///   with more tokens per parameter, one with fewer, so three sizes share one budget;
/// - a plateau (4+ runs): the second-smallest run stops improving at 40 % of its tokens;
/// - a divergence (4+ runs): the second-largest run rises from 50 % and turns NaN at 80 %.
/// Runs start together; a run's duration grows as the square root of its compute, the largest
/// taking `wallSeconds`. Run i follows `schedules[i % count]` (by default constant, cosine,
/// two-stage, WSD in turn, so the largest of 8 runs cools down at the end), its warm-up, WSD
/// cool-down and two-stage switch on whole steps.
extension SweepPlan {
    public static let standardSchedules: [SimulatedSchedule.Kind] = [.constant, .cosine, .twoStage, .wsd]

    public static let plateauOnset = 0.4
    public static let divergenceOnset = 0.5
    public static let divergenceNaNOnset = 0.8

    public static func standard(
        runCount: Int = 8, seed: UInt64 = 1, pointsPerRun: Int = 300, wallSeconds: Double = 60,
        schedules: [SimulatedSchedule.Kind] = standardSchedules
    ) -> SweepPlan {
        precondition(runCount >= 1 && pointsPerRun >= 1, "a sweep needs runs and points")
        precondition(!schedules.isEmpty, "a sweep needs a schedule")
        let sizes = logSpacedSizes(count: runCount, smallest: 1e7, largest: 1e9)
        let budgets = tokenBudgets(for: sizes)
        let failures = failureShapes(count: runCount)
        var seeds = SplitMix64(seed: seed)

        var runs: [RunPlan] = []
        for index in sizes.indices {
            let params = Int(sizes[index].rounded())
            let tokensPerStep = tokensPerStep(forTokens: budgets[index], points: pointsPerRun)
            let steps = max(1, Int((budgets[index] / Double(tokensPerStep)).rounded()))
            runs.append(RunPlan(
                name: runName(index: index, params: Double(params), tokens: Double(steps * tokensPerStep)),
                params: params, tokensPerStep: tokensPerStep, totalSteps: steps,
                schedule: schedule(schedules[index % schedules.count], params: Double(params), steps: steps),
                failure: failures[index], noiseSeed: seeds.next(), durationSeconds: 0))
        }
        let largestCompute = runs.map(\.compute).max() ?? 1
        for index in runs.indices {
            runs[index].durationSeconds = wallSeconds * (runs[index].compute / largestCompute).squareRoot()
        }
        return SweepPlan(runs: runs, pointsPerRun: pointsPerRun)
    }

    private static func logSpacedSizes(count: Int, smallest: Double, largest: Double) -> [Double] {
        if count == 1 { return [(smallest * largest).squareRoot()] }
        return (0..<count).map { index in
            smallest * pow(largest / smallest, Double(index) / Double(count - 1))
        }
    }

    /// 20 tokens per parameter, except the IsoFLOP neighbours, which take the middle run's compute.
    private static func tokenBudgets(for sizes: [Double]) -> [Double] {
        var budgets = sizes.map { 20 * $0 }
        if let middle = isoFlopCentre(count: sizes.count) {
            let sharedCompute = sizes[middle] * budgets[middle]
            for neighbour in [middle - 1, middle + 1] {
                budgets[neighbour] = sharedCompute / sizes[neighbour]
            }
        }
        return budgets
    }

    /// The IsoFLOP group is kept clear of the failing runs (indices 1 and count-2), since a failed run
    /// has no meaningful final loss; that needs at least 7 runs.
    static func isoFlopCentre(count: Int) -> Int? {
        let middle = count / 2
        return middle - 1 > 1 && middle + 1 < count - 2 ? middle : nil
    }

    private static func failureShapes(count: Int) -> [FailureShape?] {
        var shapes = [FailureShape?](repeating: nil, count: count)
        guard count >= 4 else { return shapes }
        shapes[1] = .plateau(onset: plateauOnset)
        shapes[count - 2] = .divergence(onset: divergenceOnset, nanOnset: divergenceNaNOnset)
        return shapes
    }

    /// Bigger models train with bigger batches: a power of two near D/5000 (so a few thousand steps),
    /// between 32Ki and 2Mi tokens, made smaller when needed so every logged point is its own step.
    private static func tokensPerStep(forTokens tokens: Double, points: Int) -> Int {
        var exponent = min(max(Int(log2(tokens / 5000).rounded()), 15), 21)
        while exponent > 0 && tokens / pow(2, Double(exponent)) < Double(points) { exponent -= 1 }
        return 1 << exponent
    }

    /// A schedule of `kind` whose warm-up (2 %), WSD cool-down (the last 20 %) and two-stage
    /// switch (half-way) fall on whole steps.
    private static func schedule(_ kind: SimulatedSchedule.Kind, params: Double, steps: Int) -> SimulatedSchedule {
        let total = Double(steps)
        func onStep(_ fraction: Double) -> Double { max(1, (fraction * total).rounded()) / total }
        return SimulatedSchedule(
            kind: kind, peak: peakLearningRate(params: params), warmupFraction: onStep(0.02),
            decayFraction: onStep(0.2), switchFraction: onStep(0.5))
    }

    /// Peak rates shrink with size, roughly as in published sweeps (2.4e-3 at 10M, 6e-4 at 1B).
    private static func peakLearningRate(params: Double) -> Double {
        6e-4 * pow(params / 1e9, -0.3)
    }

    /// e.g. "sim03-N37.3M-D746M": the index keeps names unique and sorted, the rest is for people.
    private static func runName(index: Int, params: Double, tokens: Double) -> String {
        let number = index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)"
        return "sim\(number)-N\(siLabel(params))-D\(siLabel(tokens))"
    }

    /// Three significant digits and a K/M/B/T suffix, independent of the locale.
    static func siLabel(_ value: Double) -> String {
        let suffixes = ["", "K", "M", "B", "T"]
        var scaled = value
        var tier = 0
        while scaled >= 999.5 && tier < suffixes.count - 1 {
            scaled /= 1000
            tier += 1
        }
        let decimals = scaled < 9.995 ? 2 : scaled < 99.95 ? 1 : 0
        return String(format: "%.\(decimals)f", scaled) + suffixes[tier]
    }
}
