/// A divergence or plateau episode not seen before: what `--on-alert` runs its command for.
public struct EpisodeAlert: Sendable, Equatable {
    public var run: String
    public var episode: RunEpisode
    /// The run's status now and at the previous look (nil the first time the run was seen).
    public var status: RunStatus
    public var previousStatus: RunStatus?
    /// The status reason when the status is the episode's kind, else the episode's label.
    public var reason: String
}

/// Remembers the episodes each run has been alerted for, so that each one alerts once: a run that
/// flickers between diverged and running inside one episode, or finishes after it, says nothing new;
/// a second, separate episode alerts again. A run already in trouble when first seen alerts once;
/// a run that disappears (its file truncated) is forgotten.
public struct EpisodeAlertTracker: Sendable {
    private var seen: [String: [RunEpisode]] = [:]
    private var statuses: [String: RunStatus] = [:]

    public init() {}

    /// New alerts, by run name, in name order.
    public mutating func update(_ diagnoses: [String: RunDiagnosis]) -> [EpisodeAlert] {
        var alerts: [EpisodeAlert] = []
        for name in diagnoses.keys.sorted() {
            let diagnosis = diagnoses[name]!
            let known = seen[name] ?? []
            for episode in diagnosis.episodes where episode.isAlert {
                guard !known.contains(where: { $0.kind == episode.kind && $0.touches(episode, gap: RunEpisodes.mergeGap) }) else { continue }
                let status = diagnosis.verdict.status
                let reason = status.rawValue == episode.kind.rawValue ? diagnosis.verdict.reason ?? episode.label : episode.label
                alerts.append(EpisodeAlert(run: name, episode: episode, status: status, previousStatus: statuses[name], reason: reason))
            }
            seen[name] = known.filter { old in !diagnosis.episodes.contains { $0.kind == old.kind && $0.touches(old, gap: RunEpisodes.mergeGap) } }
                + diagnosis.episodes.filter(\.isAlert)
            statuses[name] = diagnosis.verdict.status
        }
        seen = seen.filter { diagnoses[$0.key] != nil }
        statuses = statuses.filter { diagnoses[$0.key] != nil }
        return alerts
    }
}
