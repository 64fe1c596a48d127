/// A run's status changed (or the run was seen for the first time: `from` is nil).
public struct StatusTransition: Sendable, Equatable {
    public var run: String
    public var from: RunStatus?
    public var to: RunStatus
    public var reason: String?

    public init(run: String, from: RunStatus?, to: RunStatus, reason: String?) {
        self.run = run
        self.from = from
        self.to = to
        self.reason = reason
    }

    /// A change someone should hear about: the run became plateau or diverged.
    public var isAlert: Bool { to == .plateau || to == .diverged }
}

/// Remembers each run's last status and tells what changed since the previous look, in run
/// order. A run that is already plateau or diverged when first seen is a transition from nil,
/// so it alerts once at start; a run that disappears (its file truncated) is forgotten.
public struct StatusTransitionTracker: Sendable {
    private var last: [String: RunStatus] = [:]

    public init() {}

    public mutating func update(_ verdicts: [(run: String, verdict: RunStatusVerdict)]) -> [StatusTransition] {
        var changes: [StatusTransition] = []
        var seen: [String: RunStatus] = [:]
        for (run, verdict) in verdicts {
            seen[run] = verdict.status
            let before = last[run]
            if before != verdict.status {
                changes.append(StatusTransition(run: run, from: before, to: verdict.status, reason: verdict.reason))
            }
        }
        last = seen
        return changes
    }

    /// The same for diagnoses by run name, ordered by name.
    public mutating func update(_ diagnoses: [String: RunDiagnosis]) -> [StatusTransition] {
        update(diagnoses.keys.sorted().map { ($0, diagnoses[$0]!.verdict) })
    }
}
