import Foundation
import ScaleTopCore

/// The points one simulated run logs, generated lazily (a benchmark may ask for millions) and purely:
/// the same plan gives the same points.
///
/// The noiseless loss at `t` tokens, progress `p = t / D`:
/// 1. `ScheduledLossLaw`: Chinchilla's L(N, D) in the form of the Multi-Power Law, where the
///    learning rate's sum sets the tokens' worth and every decrease of the rate (a cosine's decay,
///    a WSD cool-down, a two-stage drop) lowers the loss gradually;
/// 2. smoothly capped at ln(vocabulary), the loss of a fresh model, which the law (meant for real
///    budgets) would exceed for tiny `t`;
/// 3. pulled up to ln(vocabulary) at the start by a transient that fades over the first ~2 % of the
///    run: a fresh model starts there whatever its batch size, and falls fast;
/// 4. times a small bump just after the learning-rate warm-up (2 % of the run), when the rate peaks:
///    strong enough to turn the fast early fall into a brief rise;
/// 5. bent by the run's `FailureShape` after its onset.
/// A run with a `ComputeMultiplierLaw` takes step 1 at √m times its N and tokens.
/// Each logged loss is that times lognormal noise with mean 1 and spread `noiseFraction`.
public struct RunCurve: Sequence, Sendable {
    public let run: RunPlan
    public let plan: SweepPlan
    /// The run's healthy loss under its schedule, before the cap, transient and bump.
    public let law: ScheduledLossLaw

    /// Progress over which the start-up transient decays by a factor e.
    public static let startTransient = 0.005
    /// Relative height of the warm-up bump, its centre (as progress) and width (in ln progress).
    public static let bumpHeight = 0.1
    public static let bumpCentre = 0.04
    public static let bumpWidth = 0.25
    /// Sharpness of the cap at ln(vocabulary): high enough that the cap moves a final loss by < 1e-4.
    static let capSharpness = 12.0

    public init(run: RunPlan, plan: SweepPlan) {
        self.run = run
        self.plan = plan
        law = ScheduledLossLaw(law: plan.law, params: Double(run.params), tokens: Double(run.totalTokens), schedule: run.schedule)
    }

    public func makeIterator() -> Iterator { Iterator(curve: self) }

    /// The loss without noise at `tokens`, including the run's failure shape.
    public func expectedLoss(atTokens tokens: Double) -> Double {
        let progress = tokens / Double(run.totalTokens)
        let healthy = healthyLoss(atTokens: tokens)
        guard let failure = run.failure else { return healthy }
        let onsetTokens = failure.onset * Double(run.totalTokens)
        return failure.loss(
            atProgress: progress, healthy: healthy, healthyAtOnset: healthyLoss(atTokens: onsetTokens))
    }

    /// The loss without noise had the run stayed healthy.
    public func healthyLoss(atTokens tokens: Double) -> Double {
        let progress = tokens / Double(run.totalTokens)
        var scheduled = law.loss(atProgress: progress)
        if let worth = run.computeMultiplier {
            // The baseline's run √m times larger, √m times further: the compute of now, times m.
            let compute = 6 * Double(run.params) * Swift.max(tokens, 1)
            scheduled = law.loss(atProgress: progress, scale: worth.value(atCompute: compute).squareRoot())
        }
        let initial = log(Double(plan.vocabularySize))
        let capped = pow(pow(initial, -Self.capSharpness) + pow(scheduled, -Self.capSharpness), -1 / Self.capSharpness)
        let started = capped + (initial - capped) * exp(-progress / Self.startTransient)
        let distance = log(progress / Self.bumpCentre) / Self.bumpWidth
        return started * (1 + Self.bumpHeight * exp(-0.5 * distance * distance))
    }

    /// The steps at which the run logs: the first step, the last, and evenly spaced ones between.
    public var loggedSteps: [Int] {
        let total = run.totalSteps
        let count = Swift.min(plan.pointsPerRun, total)
        if count <= 1 { return [total] }
        var steps: [Int] = []
        steps.reserveCapacity(count)
        for index in 0..<count {
            let target = Int((Double(total) * Double(index) / Double(count - 1)).rounded())
            steps.append(Swift.max(target, (steps.last ?? 0) + 1))
        }
        return steps
    }

    public struct Iterator: IteratorProtocol, Sendable {
        private let curve: RunCurve
        private let steps: [Int]
        private var position = 0
        private var noise: Xoshiro256StarStar
        private var nanPointsLeft = FailureShape.nanPointsBeforeCrash

        init(curve: RunCurve) {
            self.curve = curve
            steps = curve.loggedSteps
            noise = Xoshiro256StarStar(seed: curve.run.noiseSeed)
        }

        public mutating func next() -> SimulatedPoint? {
            guard position < steps.count, nanPointsLeft > 0 else { return nil }
            let run = curve.run
            let step = steps[position]
            position += 1
            let tokens = step * run.tokensPerStep
            let progress = Double(tokens) / Double(run.totalTokens)
            // Drawn for every point, NaN or not, so the noise of a point depends only on its index.
            let sigma = curve.plan.noiseFraction
            let wobble = exp(sigma * noise.nextGaussian() - sigma * sigma / 2)
            let loss = curve.expectedLoss(atTokens: Double(tokens)) * wobble
            if loss.isNaN { nanPointsLeft -= 1 }
            return SimulatedPoint(
                step: step, tokens: tokens, loss: loss,
                learningRate: run.schedule.value(atProgress: progress),
                elapsedSeconds: run.durationSeconds * progress)
        }
    }
}
