import Foundation

/// The `/` filter: a case-insensitive regular expression over run names. Text that is not a
/// valid expression (a lone `[` while typing) matches as plain text instead of hiding
/// everything, and says so.
public struct RunFilter: Sendable {
    public let pattern: String
    private let expression: NSRegularExpression?

    public init(_ pattern: String) {
        self.pattern = pattern
        expression = pattern.isEmpty ? nil : try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    /// The pattern is not a valid regular expression (matched as text).
    public var isLiteral: Bool { !pattern.isEmpty && expression == nil }

    public func matches(_ name: String) -> Bool {
        if pattern.isEmpty { return true }
        guard let expression else { return name.range(of: pattern, options: .caseInsensitive) != nil }
        return expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }

    /// How many rows match (what a layout needs), without sorting them.
    public func matchCount(_ rows: [RunRow]) -> Int {
        pattern.isEmpty ? rows.count : rows.reduce(0) { $0 + (matches($1.name) ? 1 : 0) }
    }

    /// The rows that match, sorted.
    public func apply(_ rows: [RunRow], sortedBy key: RunSortKey, descending: Bool) -> [RunRow] {
        let kept = pattern.isEmpty ? rows : rows.filter { matches($0.name) }
        return kept.sorted { descending ? key.ascending($1, $0) : key.ascending($0, $1) }
    }
}
