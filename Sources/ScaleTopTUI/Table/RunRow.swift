import ScaleTopCore

/// One line of the run table, as plain values.
public struct RunRow: Sendable, Equatable {
    /// Index in the sweep: also the palette slot, so the row's bullet matches the curve.
    public var slot: Int
    /// Sanitized run name.
    public var name: String
    public var params: Double?
    public var tokens: Double?
    public var plannedTokens: Double?
    /// The latest loss (NaN or infinite for a diverged run: shown as such).
    public var lastLoss: Double?
    public var bestLoss: Double?
    public var status: RunStatus
    public var statusReason: String?
    /// The landing verdict from diagnostics ("on line", "above +2% (3.09 vs 3.03)"), or "".
    public var landing: String
    /// Still being read with the rest of a backlog: shown as "reading", not judged yet.
    public var isBeingRead = false
    /// What the run lacks for the FLOPs axis or a landing verdict, and what would give it.
    public var hint: RunHint?

    public init(
        slot: Int, name: String, params: Double? = nil, tokens: Double? = nil, plannedTokens: Double? = nil,
        lastLoss: Double? = nil, bestLoss: Double? = nil, status: RunStatus = .running, statusReason: String? = nil,
        landing: String = ""
    ) {
        self.slot = slot
        self.name = name
        self.params = params
        self.tokens = tokens
        self.plannedTokens = plannedTokens
        self.lastLoss = lastLoss
        self.bestLoss = bestLoss
        self.status = status
        self.statusReason = statusReason
        self.landing = landing
    }

    /// Needs a look: a plateau, a divergence, a stale log, or a landing off the line. These
    /// stay in the table when space runs out.
    public var isFlagged: Bool {
        switch status {
        case .plateau, .diverged, .stale: return true
        case .running, .finished: return !landing.isEmpty && !landing.hasPrefix("on line")
        }
    }

    /// Fraction of the planned tokens seen (nil without a plan).
    public var progress: Double? {
        guard let tokens, let plannedTokens, plannedTokens > 0 else { return nil }
        return tokens / plannedTokens
    }

    /// The rows of a sweep, in sweep order. `verdicts` and `landings` come from diagnostics
    /// by run name; a run without a verdict gets the basic one (finished / diverged / running).
    /// While `reading` a backlog, a run with no verdict that would be "running" is "reading".
    public static func rows(
        of sweep: Sweep, verdicts: [String: RunStatusVerdict] = [:], landings: [String: String] = [:], reading: Bool = false
    ) -> [RunRow] {
        sweep.runs.enumerated().map { index, run in
            let verdict = verdicts[run.name] ?? RunStatusVerdict.basic(for: run)
            var row = RunRow(
                slot: index,
                name: TextSanitizer.clean(run.name),
                params: run.meta.params,
                tokens: run.last.flatMap { run.tokens(of: $0) },
                plannedTokens: run.meta.plannedTokens,
                lastLoss: run.last?.loss,
                bestLoss: run.best?.loss,
                status: verdict.status,
                statusReason: verdict.reason.map(TextSanitizer.clean),
                landing: TextSanitizer.clean(landings[run.name] ?? ""))
            row.isBeingRead = reading && verdicts[run.name] == nil && verdict.status == .running
            row.hint = RunHint.of(run)
            // Off the FLOPs axis, the projection's note says only that it cannot be set
            // against the envelope: the hint says what to add instead.
            if row.hint?.kind == .offFlopsAxis { row.landing = "" }
            return row
        }
    }
}
