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
    /// The landing verdict in words (`LandingLabel`), or "".
    public var landing: String
    /// Shorter forms of `landing`, longest first, for a narrow column.
    public var shorterLandings: [String] = []
    /// The landing verdict itself (nil: none).
    public var landingVerdict: LandingVerdict?
    /// The divergence or plateau the run went through (`RunEpisode.label`, e.g. "diverged
    /// 410–3900"), when its status no longer says so; and that episode's status.
    public var episode: String?
    public var episodeStatus: RunStatus?
    /// Still being read with the rest of a backlog: shown as "reading", not judged yet.
    public var isBeingRead = false
    /// What the run lacks for the FLOPs axis or a landing verdict, and what would give it.
    public var hint: RunHint?

    public init(
        slot: Int, name: String, params: Double? = nil, tokens: Double? = nil, plannedTokens: Double? = nil,
        lastLoss: Double? = nil, bestLoss: Double? = nil, status: RunStatus = .running, statusReason: String? = nil,
        landing: String = "", landingVerdict: LandingVerdict? = nil
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
        self.landingVerdict = landingVerdict
    }

    /// Needs a look: a plateau, a divergence, a stale log, or a run still going whose landing is
    /// off the line. These stay in the table when space runs out.
    public var isFlagged: Bool {
        switch status {
        case .plateau, .diverged, .stale: return true
        case .running: return landingVerdict == .above || landingVerdict == .below
        case .finished: return false
        }
    }

    /// How much of an episode the status column names.
    public enum StatusDetail: CaseIterable, Sendable {
        /// "finished · diverged 410–3900"
        case steps
        /// "finished · diverged"
        case kind
        /// "finished ✕"
        case mark
    }

    /// The status as the table shows it, naming the episode the run went through when its status
    /// no longer tells it.
    public func statusText(_ detail: StatusDetail = .steps) -> String {
        if isBeingRead { return "reading" }
        guard let episode, let episodeStatus else { return status.rawValue }
        switch detail {
        case .steps: return "\(status.rawValue) · \(episode)"
        case .kind: return "\(status.rawValue) · \(episodeStatus.rawValue)"
        case .mark: return "\(status.rawValue) ✕"
        }
    }

    /// The status the row is flagged with (its colour, the plot's ✕): its own when plateau or
    /// diverged, else its episode's.
    public var flaggedStatus: RunStatus? {
        status == .plateau || status == .diverged ? status : episodeStatus
    }

    /// Its landing lies off the envelope fit's line (finished runs included).
    public var landsOffTheLine: Bool { landingVerdict == .above || landingVerdict == .below }

    /// Fraction of the planned tokens seen (nil without a plan).
    public var progress: Double? {
        guard let tokens, let plannedTokens, plannedTokens > 0 else { return nil }
        return tokens / plannedTokens
    }

    /// A read problem in short: `gpu1 unreachable, retrying in 4 s` of a longer sentence.
    static func shortProblem(_ problem: String) -> String {
        guard let open = problem.range(of: " ("), let close = problem.range(of: ")", options: .backwards), open.upperBound < close.lowerBound else {
            return problem
        }
        return String(problem[..<open.lowerBound]) + String(problem[close.upperBound...])
    }

    /// The rows of a sweep, in sweep order. `verdicts` and `projections` come from diagnostics
    /// by run name; a run without a verdict gets the basic one (finished / diverged / running).
    /// While `reading` a backlog, a run with no verdict that would be "running" is "reading".
    public static func rows(
        of sweep: Sweep, verdicts: [String: RunStatusVerdict] = [:], projections: [String: LandingProjection] = [:], reading: Bool = false,
        episodes: [String: [RunEpisode]] = [:]
    ) -> [RunRow] {
        sweep.runs.enumerated().map { index, run in
            let verdict = verdicts[run.name] ?? RunStatusVerdict.basic(for: run)
            let landingForms = LandingLabel.forms(projections[run.name], status: verdict.status, lastLoss: run.last?.loss)
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
                landing: landingForms.first ?? "")
            if !row.landing.isEmpty {
                row.landingVerdict = projections[run.name]?.verdict
                row.shorterLandings = Array(landingForms.dropFirst())
            }
            row.isBeingRead = reading && verdicts[run.name] == nil && verdict.status == .running
            if verdict.status != .plateau, verdict.status != .diverged, let headline = episodes[run.name]?.headline {
                row.episode = headline.label
                row.episodeStatus = headline.kind == .diverged ? .diverged : .plateau
            }
            row.hint = RunHint.of(run)
            // Off the FLOPs axis, the projection's note says only that it cannot be set
            // against the envelope: the hint says what to add instead.
            if row.hint?.kind == .offFlopsAxis {
                row.landing = ""
                row.shorterLandings = []
            }
            // A log that cannot be read now (its host unreachable, say) says so where its
            // landing would be.
            if let problem = run.sources.sorted().lazy.compactMap({ sweep.sources[$0].error }).first {
                row.landing = TextSanitizer.clean(problem)
                row.shorterLandings = [TextSanitizer.clean(Self.shortProblem(problem))]
                row.landingVerdict = nil
            }
            return row
        }
    }
}
