#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Run descriptions from the command line (`--params NAME=N`, `--tokens-per-step NAME=N`),
/// where NAME is a run name or a glob over run names (`d*`, `sweep/*`). Later entries win
/// over earlier ones for a run both match.
public struct RunOverrides: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The option as given, for messages (`--params d12=1e9`).
        public let option: String
        public let pattern: String
        public let meta: RunMeta

        public init(option: String, pattern: String, meta: RunMeta) {
            self.option = option
            self.pattern = pattern
            self.meta = meta
        }

        /// True when the pattern names `run` (exactly, or as a glob with `*`, `?`, `[...]`).
        public func matches(_ run: String) -> Bool {
            if pattern == run { return true }
            guard LogPaths.isGlob(pattern) else { return false }
            return fnmatch(pattern, run, 0) == 0
        }
    }

    public private(set) var entries: [Entry] = []

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public var isEmpty: Bool { entries.isEmpty }

    public mutating func append(_ entry: Entry) { entries.append(entry) }

    /// What the entries that match `run` say, later ones over earlier ones (nil: none match).
    public func meta(for run: String) -> RunMeta? {
        var result: RunMeta?
        for entry in entries where entry.matches(run) { result = (result ?? RunMeta()).overridden(by: entry.meta) }
        return result
    }

    /// The entries that match none of `runs`.
    public func unmatched(_ runs: [String]) -> [Entry] {
        entries.filter { entry in !runs.contains { entry.matches($0) } }
    }

    /// A sentence for each entry that matches no run, listing the runs there are.
    public func unmatchedMessages(_ runs: [String]) -> [String] {
        let listed = runs.isEmpty ? "there are no runs yet" : "runs: " + Self.list(runs)
        return unmatched(runs).map { "\($0.option) matches no run (\(listed))" }
    }

    /// At most 12 names, then how many more.
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(12).joined(separator: ", ")
        return names.count > 12 ? "\(shown) and \(names.count - 12) more" : shown
    }
}
