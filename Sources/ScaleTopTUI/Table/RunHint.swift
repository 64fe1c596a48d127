import ScaleTopCore

/// What a run lacks for the FLOPs axis or a landing verdict, and what would give it, phrased
/// at a few lengths: a table column takes the longest that fits whole, the hint line under the
/// table the full sentence naming the run.
public struct RunHint: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// No FLOPs can be derived: the run is off the plot's compute axis, the envelope and the fits.
        case offFlopsAxis
        /// No planned end: no landing verdict and never `finished`.
        case noPlannedEnd
    }

    public var kind: Kind
    /// Longest first; the last is short enough for a narrow column.
    public var phrases: [String]
    /// The whole hint, naming the run (sanitized).
    public var sentence: String
    /// The same in short, for a narrow screen.
    public var shortSentence: String

    /// The hint for `run` (nil when it lacks nothing, or has no loss yet). A run of one point
    /// (a table of final results) needs no planned end.
    public static func of(_ run: Run) -> RunHint? {
        guard run.usablePoints > 0, let sample = run.last ?? (run.curve.isEmpty ? nil : run.curve[0]) else { return nil }
        let name = TextSanitizer.clean(run.name)
        let meta = run.meta
        if meta.flops(for: sample) == nil {
            if meta.params == nil {
                let sidecar = LogPaths.sidecarPath(for: run.path).split(separator: "/").last.map(String.init) ?? "NAME.meta.json"
                return RunHint(
                    kind: .offFlopsAxis,
                    phrases: ["no FLOPs: log params or pass --params", "no FLOPs: add params", "add params"],
                    sentence: "\(name) is off the FLOPs axis: its parameter count is unknown. Pass --params '\(name)=N', log \"params\", or add \(TextSanitizer.clean(sidecar)) beside its log.",
                    shortSentence: "\(name): no FLOPs axis; pass --params '\(name)=N' or log \"params\"")
            }
            if sample.step.isFinite {
                return RunHint(
                    kind: .offFlopsAxis,
                    phrases: ["no FLOPs: log tokens_per_step", "no FLOPs: add tokens", "add tokens"],
                    sentence: "\(name) is off the FLOPs axis: it logs steps but not tokens. Pass --tokens-per-step '\(name)=N', or log \"tokens\" or \"tokens_per_step\".",
                    shortSentence: "\(name): no FLOPs axis; pass --tokens-per-step '\(name)=N'")
            }
            return RunHint(
                kind: .offFlopsAxis,
                phrases: ["no FLOPs: log tokens or flops", "no FLOPs: add tokens", "add tokens"],
                sentence: "\(name) is off the FLOPs axis: its lines carry no flops, tokens or step. Log \"tokens\" or \"flops\".",
                shortSentence: "\(name): no FLOPs axis; log \"tokens\" or \"flops\"")
        }
        guard meta.plannedFlops == nil, run.usablePoints > 1 else { return nil }
        if meta.totalSteps != nil && meta.tokensPerStep == nil {
            return RunHint(
                kind: .noPlannedEnd,
                phrases: ["no end in tokens: log tokens_per_step", "end: add tokens_per_step", "add tokens_per_step"],
                sentence: "\(name) has planned steps but not tokens per step, so no landing verdict. Log \"tokens_per_step\" or pass --tokens-per-step '\(name)=N'.",
                shortSentence: "\(name): no landing verdict; pass --tokens-per-step '\(name)=N'")
        }
        return RunHint(
            kind: .noPlannedEnd,
            phrases: ["no planned end: log total_steps", "no end: log total_steps", "log total_steps"],
            sentence: "\(name) has no planned end, so no landing verdict. Log \"total_steps\" (or max_steps, max_iters, num_iterations) or \"total_tokens\".",
            shortSentence: "\(name): no landing verdict; log \"total_steps\" or \"total_tokens\"")
    }

    /// The longest phrase of at most `columns` cells, or nil.
    public func phrase(fitting columns: Int) -> String? {
        phrases.first { TerminalWidth.columns(of: $0) <= columns }
    }
}

/// Text fitted to a width by whole words.
enum WordFit {
    /// `text` if it fits in `columns`, else its longest run of whole words that fits with the
    /// ellipsis after it (nil when not even one word does).
    static func fit(_ text: String, columns: Int, ellipsis: Character) -> String? {
        guard columns > 0 else { return nil }
        if TerminalWidth.columns(of: text) <= columns { return text }
        var kept = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = kept.isEmpty ? String(word) : kept + " " + word
            guard TerminalWidth.columns(of: candidate) + 1 <= columns else { break }
            kept = candidate
        }
        while let last = kept.last, ",;:(".contains(last) { kept.removeLast() }
        return kept.isEmpty ? nil : kept + String(ellipsis)
    }
}
