import Foundation

/// Something that happened to a run on the way: a divergence, a plateau or a large spike, kept
/// after the run recovered or finished, so that someone who looks late still learns of it.
public struct RunEpisode: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case diverged, plateau, spike
    }

    public var kind: Kind
    /// Where it began and ended on the run's x axis (`CurveSeries.axis`), and at which steps (NaN
    /// when the log has none).
    public var fromX: Double
    public var toX: Double
    public var fromStep: Double
    public var toStep: Double
    /// Highest finite loss over the episode (NaN when none was finite).
    public var peakLoss: Double
    /// Still going at the latest point.
    public var ongoing: Bool

    public init(kind: Kind, fromX: Double, toX: Double, fromStep: Double, toStep: Double, peakLoss: Double, ongoing: Bool) {
        self.kind = kind
        self.fromX = fromX
        self.toX = toX
        self.fromStep = fromStep
        self.toStep = toStep
        self.peakLoss = peakLoss
        self.ongoing = ongoing
    }

    /// A divergence or a plateau: what `--on-alert` and the plot's ✕ are for.
    public var isAlert: Bool { kind != .spike }

    /// "diverged 410–3900" (steps), "plateau 1.2e18–3e18" (x when the steps are unknown),
    /// "diverged 410–" while it lasts.
    public var label: String {
        let steps = fromStep.isFinite && toStep.isFinite
        func text(_ value: Double) -> String { steps ? String(Int(value)) : NumberText.short(value) }
        let from = text(steps ? fromStep : fromX)
        let to = ongoing ? "" : text(steps ? toStep : toX)
        return "\(kind.rawValue) \(from)–\(to)"
    }

    /// Whether the two overlap on x, or lie closer than `gap` (a ratio of x) apart.
    func touches(_ other: RunEpisode, gap: Double) -> Bool {
        fromX <= other.toX * gap && other.fromX <= toX * gap
    }

    /// One episode spanning both (same kind).
    func merged(with other: RunEpisode) -> RunEpisode {
        var out = self
        if other.fromX < fromX { out.fromX = other.fromX; out.fromStep = other.fromStep }
        if other.toX > toX || (other.toX == toX && other.ongoing) {
            out.toX = other.toX
            out.toStep = other.toStep
            out.ongoing = other.ongoing
        }
        if other.peakLoss.isFinite { out.peakLoss = peakLoss.isFinite ? max(peakLoss, other.peakLoss) : other.peakLoss }
        return out
    }
}

extension Array where Element == RunEpisode {
    /// Sorted by start; episodes of one kind that overlap or nearly touch (within a ratio `gap` of
    /// x) become one; spikes inside a divergence are dropped (they are part of it).
    public func consolidated(gap: Double) -> [RunEpisode] {
        var out: [RunEpisode] = []
        for episode in sorted(by: { $0.fromX < $1.fromX }) {
            if let i = out.lastIndex(where: { $0.kind == episode.kind && $0.touches(episode, gap: gap) }) {
                out[i] = out[i].merged(with: episode)
            } else {
                out.append(episode)
            }
        }
        let divergences = out.filter { $0.kind == .diverged }
        return out.filter { episode in
            episode.kind != .spike || !divergences.contains { $0.touches(episode, gap: 1) }
        }
    }

    /// The episode the table names beside a run's status: the latest divergence, else the latest
    /// plateau (spikes are only listed).
    public var headline: RunEpisode? {
        last { $0.kind == .diverged } ?? last { $0.kind == .plateau }
    }
}
