import Foundation

/// The `/` filter: a case-insensitive regular expression over run names. Text that is not a
/// valid expression (a lone `[` while typing) matches as plain text instead of hiding
/// everything, and says so.
///
/// The expression engine backtracks, and run names come from files: `(a+)+$` over `aaaa…a!`
/// takes 2^n steps. Matching runs with a step budget (ICU reports progress every 10,000 steps
/// and stops when told); an expression that spends it on one filtering is matched as text from
/// then on, so a frame costs at most a few milliseconds and keys keep getting through.
public struct RunFilter: Sendable {
    public let pattern: String
    private let expression: NSRegularExpression?

    /// ICU progress reports (each about 10,000 backtracking steps) one filtering of every run
    /// may spend beyond one report per character of each name.
    static let progressBudget = 40

    public init(_ pattern: String) {
        self.pattern = pattern
        expression = pattern.isEmpty ? nil : try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    /// The pattern is not a valid regular expression (matched as text).
    public var isLiteral: Bool { !pattern.isEmpty && expression == nil }

    /// The pattern spent its step budget: it is matched as text from then on.
    public var isTooCostly: Bool { !pattern.isEmpty && CostlyPatterns.contains(pattern) }

    /// Matched as plain text, for either reason.
    public var matchesAsText: Bool { isLiteral || isTooCostly }

    public func matches(_ name: String) -> Bool {
        var budget = Budget(steps: Self.progressBudget)
        return matches(name, budget: &budget)
    }

    /// How many rows match (what a layout needs), without sorting them.
    public func matchCount(_ rows: [RunRow]) -> Int {
        pattern.isEmpty ? rows.count : kept(rows).count
    }

    /// The rows that match, sorted.
    public func apply(_ rows: [RunRow], sortedBy key: RunSortKey, descending: Bool) -> [RunRow] {
        let kept = pattern.isEmpty ? rows : kept(rows)
        return kept.sorted { descending ? key.ascending($1, $0) : key.ascending($0, $1) }
    }

    private func kept(_ rows: [RunRow]) -> [RunRow] {
        var budget = Budget(steps: Self.progressBudget)
        let kept = rows.filter { matches($0.name, budget: &budget) }
        // Spent part way through: every row again as text, so the rows agree with each other.
        return budget.exceeded ? rows.filter { textMatches($0.name) } : kept
    }

    private struct Budget {
        var steps: Int
        var exceeded = false
    }

    private func textMatches(_ name: String) -> Bool {
        name.range(of: pattern, options: .caseInsensitive) != nil
    }

    private func matches(_ name: String, budget: inout Budget) -> Bool {
        if pattern.isEmpty { return true }
        guard let expression, !budget.exceeded, !CostlyPatterns.contains(pattern) else { return textMatches(name) }
        // Progress is also reported once per start position tried: those are not backtracking.
        var reportsLeft = budget.steps + name.utf16.count + 2
        var found = false
        var stopped = false
        expression.enumerateMatches(in: name, options: [.reportProgress], range: NSRange(name.startIndex..., in: name)) { result, _, stop in
            if result != nil {
                found = true
                stop.pointee = true
                return
            }
            reportsLeft -= 1
            if reportsLeft <= 0 {
                stopped = true
                stop.pointee = true
            }
        }
        budget.steps = min(budget.steps, max(0, reportsLeft - name.utf16.count - 2))
        guard stopped else { return found }
        budget.exceeded = true
        CostlyPatterns.insert(pattern)
        return textMatches(name)
    }
}

/// Patterns that spent their budget, remembered for the process: the filter is built anew for
/// every frame, and a pattern that was too costly once would be again.
enum CostlyPatterns {
    nonisolated(unsafe) private static var patterns: Set<String> = []
    private static let lock = NSLock()

    static func contains(_ pattern: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return patterns.contains(pattern)
    }

    static func insert(_ pattern: String) {
        lock.lock()
        defer { lock.unlock() }
        patterns.insert(pattern)
    }
}
