import ScaleTopCore

/// What the executable knows beyond the sweep and its analysis: where the data comes from,
/// how fresh it is, and the diagnostics' verdicts. Plain values.
public struct DashboardContext: Sendable {
    /// The paths being watched, as the user typed them (`runs/`).
    public var sourceLabel: String
    public var targetFlops: Double?
    /// Files being watched (nil: the sweep's source count).
    public var filesWatched: Int?
    /// Seconds since the sweep last changed (nil: nothing read yet).
    public var secondsSinceUpdate: Double?
    /// One line worth showing (why polling is used, an unreadable sidecar).
    public var notice: String?
    /// Remote hosts that are down, in short (`gpu1 unreachable, retrying in 4 s`), or nil.
    public var hostProblem: String?
    /// Trend-based statuses by run name (plateau, stale, …); runs missing here get the basic
    /// status from the log alone.
    public var verdicts: [String: RunStatusVerdict]
    /// Where each flagged run's plateau or divergence began, by run name.
    public var onsets: [String: DiagnosticMark]
    /// Each run's episodes (divergences, plateaus, spikes it went through), by run name.
    public var episodes: [String: [RunEpisode]]
    /// Each run's landing projection (the table's landing column; drawn for runs still going), by run name.
    public var projections: [String: LandingProjection]
    /// The logs are still being read (a backlog): runs without a verdict say "reading", not
    /// "running", since nothing about them is judged yet.
    public var readingBacklog: Bool

    public init(
        sourceLabel: String = "", targetFlops: Double? = nil, filesWatched: Int? = nil,
        secondsSinceUpdate: Double? = nil, notice: String? = nil,
        verdicts: [String: RunStatusVerdict] = [:],
        onsets: [String: DiagnosticMark] = [:], projections: [String: LandingProjection] = [:],
        readingBacklog: Bool = false, episodes: [String: [RunEpisode]] = [:]
    ) {
        self.episodes = episodes
        self.readingBacklog = readingBacklog
        self.onsets = onsets
        self.projections = projections
        self.sourceLabel = sourceLabel
        self.targetFlops = targetFlops
        self.filesWatched = filesWatched
        self.secondsSinceUpdate = secondsSinceUpdate
        self.notice = notice
        self.verdicts = verdicts
    }
}
