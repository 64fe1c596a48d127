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
        if let planned = run.meta.totalSteps, last.step.isFinite, reachedPlannedSteps(planned, recentSteps: recentSteps(of: run)) {
            let reason = last.step >= planned ? "reached its planned \(Int(planned)) steps" : "logged its last step, \(Int(last.step)) of \(Int(planned)) planned"
            return RunStatusVerdict(status: .finished, reason: reason)
        }
        if let planned = run.meta.plannedTokens, let tokens = run.tokens(of: last), tokens >= planned * 0.999 {
            return RunStatusVerdict(status: .finished, reason: "reached its planned \(NumberText.short(planned)) tokens")
        }
        return RunStatusVerdict(status: .running, reason: nil)
    }

    /// True when the latest logged step is the run's last: it reached the plan (or its last
    /// 0-based step), or the next log at the run's interval would pass it — a log every 128
    /// steps of a 24,000-step run ends at 23,936. The interval is the smallest of the latest
    /// ones (thinned storage only widens them), trusted up to a fifth of the plan.
    static func reachedPlannedSteps(_ planned: Double, recentSteps: [Double]) -> Bool {
        guard let last = recentSteps.last, last.isFinite else { return false }
        if last + 1 >= planned { return true }
        var interval = Double.infinity
        for (a, b) in zip(recentSteps, recentSteps.dropFirst()) where a.isFinite && b > a {
            interval = min(interval, b - a)
        }
        return interval <= planned * 0.2 && last + interval > planned
    }

    /// The steps of a run's latest five points.
    static func recentSteps(of run: Run) -> [Double] {
        let curve = run.curve
        return (max(0, curve.count - 5)..<curve.count).map { curve[$0].step }
    }
}
