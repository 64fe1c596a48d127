/// What state a run is in.
public enum RunStatus: String, Sendable, CaseIterable {
    case running, finished, plateau, diverged, stale
}

/// A run's status and, for every status but running, one sentence saying why.
public struct RunStatusVerdict: Sendable, Equatable {
    public var status: RunStatus
    public var reason: String?

    public init(status: RunStatus, reason: String?) {
        self.status = status
        self.reason = reason
    }

    /// The status that needs no trend analysis: finished when the run reached its planned end,
    /// diverged when its latest loss is NaN or infinite, running otherwise. (`RunDiagnostics`
    /// gives the full status: trend-based diverged, plateau and stale.)
    public static func basic(for run: Run) -> RunStatusVerdict {
        guard let last = run.last else { return RunStatusVerdict(status: .running, reason: nil) }
        if !last.loss.isFinite {
            let at = last.step.isFinite ? " at step \(Int(last.step))" : ""
            return RunStatusVerdict(status: .diverged, reason: "loss is \(last.loss.isNaN ? "NaN" : "infinite")\(at)")
        }
        if let planned = run.meta.totalSteps, last.step.isFinite, last.step >= planned {
            return RunStatusVerdict(status: .finished, reason: "reached its planned \(Int(planned)) steps")
        }
        if let planned = run.meta.plannedTokens, let tokens = run.tokens(of: last), tokens >= planned * 0.999 {
            return RunStatusVerdict(status: .finished, reason: "reached its planned \(NumberText.short(planned)) tokens")
        }
        return RunStatusVerdict(status: .running, reason: nil)
    }
}
