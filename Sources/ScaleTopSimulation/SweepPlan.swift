import ScaleTopCore

/// A whole simulated sweep: its runs and the curve model they share.
public struct SweepPlan: Sendable, Equatable {
    public var runs: [RunPlan]
    public var law: ScalingLaw
    /// Sets the loss at the first step, ln(vocabularySize), as for a freshly initialised model.
    public var vocabularySize: Int
    /// Standard deviation of the multiplicative noise on each logged loss: single-batch training
    /// losses wobble by a few % from step to step.
    public var noiseFraction: Double
    /// Logged points per run (fewer for a run that stops early).
    public var pointsPerRun: Int

    public init(
        runs: [RunPlan], law: ScalingLaw = .chinchilla, vocabularySize: Int = 50257,
        noiseFraction: Double = 0.025, pointsPerRun: Int = 300
    ) {
        self.runs = runs
        self.law = law
        self.vocabularySize = vocabularySize
        self.noiseFraction = noiseFraction
        self.pointsPerRun = pointsPerRun
    }

    /// Wall time of the whole sweep at speed 1: the longest run's.
    public var durationSeconds: Double { runs.map(\.durationSeconds).max() ?? 0 }
}
