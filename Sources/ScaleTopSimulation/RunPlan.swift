import ScaleTopCore

/// One simulated training run: its model, its token budget, its schedule, and how (if at all) it
/// fails. Everything `RunCurve` needs besides the sweep-wide curve model.
public struct RunPlan: Sendable, Equatable {
    public var name: String
    public var params: Int
    public var tokensPerStep: Int
    public var totalSteps: Int
    public var schedule: SimulatedSchedule
    /// nil for a healthy run.
    public var failure: FailureShape?
    /// Seeds this run's own noise stream, so a run's lines do not depend on the other runs.
    public var noiseSeed: UInt64
    /// Wall time from the run's first line to its planned last one, at speed 1.
    public var durationSeconds: Double
    /// The group its header declares (`"group"`), for sweeps that compare recipes.
    public var group: String?
    /// The recipe's worth against the sweep's law (nil: the law itself).
    public var computeMultiplier: ComputeMultiplierLaw?

    public init(
        name: String, params: Int, tokensPerStep: Int, totalSteps: Int, schedule: SimulatedSchedule,
        failure: FailureShape? = nil, noiseSeed: UInt64, durationSeconds: Double
    ) {
        self.name = name
        self.params = params
        self.tokensPerStep = tokensPerStep
        self.totalSteps = totalSteps
        self.schedule = schedule
        self.failure = failure
        self.noiseSeed = noiseSeed
        self.durationSeconds = durationSeconds
    }

    /// The planned training tokens, D: exactly `totalSteps` steps of `tokensPerStep`.
    public var totalTokens: Int { tokensPerStep * totalSteps }

    /// Planned training compute, 6·N·D FLOPs.
    public var compute: Double { 6 * Double(params) * Double(totalTokens) }

    public var tokensPerParam: Double { Double(totalTokens) / Double(params) }
}
