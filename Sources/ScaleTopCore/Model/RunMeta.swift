/// What describes a run as a whole. nil means unknown.
public struct RunMeta: Sendable, Equatable {
    public var params: Double?
    public var tokensPerStep: Double?
    public var totalTokens: Double?
    public var totalSteps: Double?
    public var flopsBudget: Double?

    public init(
        params: Double? = nil, tokensPerStep: Double? = nil, totalTokens: Double? = nil,
        totalSteps: Double? = nil, flopsBudget: Double? = nil
    ) {
        self.params = params
        self.tokensPerStep = tokensPerStep
        self.totalTokens = totalTokens
        self.totalSteps = totalSteps
        self.flopsBudget = flopsBudget
    }

    /// Takes the run-describing fields of a scanned line (finite, positive values only).
    public mutating func absorb<Line: LineFields>(_ record: Line) {
        func take(_ field: LogField) -> Double? {
            guard let v = record[field], v.isFinite, v > 0 else { return nil }
            return v
        }
        if let v = take(.params) { params = v }
        if let v = take(.tokensPerStep) { tokensPerStep = v }
        if let v = take(.totalTokens) { totalTokens = v }
        if let v = take(.totalSteps) { totalSteps = v }
        if let v = take(.flopsBudget) { flopsBudget = v }
    }

    /// `other`'s known fields replace this one's.
    public func overridden(by other: RunMeta) -> RunMeta {
        RunMeta(
            params: other.params ?? params,
            tokensPerStep: other.tokensPerStep ?? tokensPerStep,
            totalTokens: other.totalTokens ?? totalTokens,
            totalSteps: other.totalSteps ?? totalSteps,
            flopsBudget: other.flopsBudget ?? flopsBudget)
    }

    // MARK: - Deriving the x axis

    /// Tokens seen at `point`: logged, else step × tokens per step.
    public func tokens(for point: LogPoint) -> Double? {
        if point.tokens.isFinite { return point.tokens }
        if point.step.isFinite, let tps = tokensPerStep { return point.step * tps }
        return nil
    }

    /// FLOPs at `point`: logged, else 6·N·tokens, else 6·N·step·tokens_per_step.
    public func flops(for point: LogPoint) -> Double? {
        if point.flops.isFinite { return point.flops }
        guard let n = params, let tokens = tokens(for: point) else { return nil }
        return 6 * n * tokens
    }

    /// The planned end in FLOPs, when the plan and the model size say it.
    public var plannedFlops: Double? {
        if let budget = flopsBudget { return budget }
        guard let n = params else { return nil }
        if let total = totalTokens { return 6 * n * total }
        if let steps = totalSteps, let tps = tokensPerStep { return 6 * n * steps * tps }
        return nil
    }

    /// The planned end in tokens.
    public var plannedTokens: Double? {
        if let total = totalTokens { return total }
        if let steps = totalSteps, let tps = tokensPerStep { return steps * tps }
        if let budget = flopsBudget, let n = params { return budget / (6 * n) }
        return nil
    }

    /// What would give the run a planned end (for its landing verdict and its `finished`
    /// status), or nil when it has one.
    public var plannedEndMissingReason: String? {
        if plannedFlops != nil { return nil }
        if totalTokens == nil && totalSteps == nil && flopsBudget == nil {
            return "no planned end: log \"total_steps\" (or max_steps, max_iters, num_iterations) or \"total_tokens\""
        }
        if params == nil { return "planned end known, parameter count unknown: log \"params\" or pass --params NAME=N" }
        return "planned steps known, tokens per step unknown: log \"tokens_per_step\" or pass --tokens-per-step NAME=N"
    }

    /// Why FLOPs cannot be derived for a run whose points carry `point`'s keys, or nil if they can.
    public func flopsUnavailableReason(sample point: LogPoint) -> String? {
        if flops(for: point) != nil { return nil }
        if params == nil {
            return "no flops logged and the parameter count is unknown (log \"params\", add NAME.meta.json, or pass --params NAME=N)"
        }
        if point.step.isFinite {
            return "no flops or tokens logged and tokens per step unknown (log \"tokens_per_step\" or pass --tokens-per-step NAME=N)"
        }
        return "no flops, tokens or step logged"
    }
}
