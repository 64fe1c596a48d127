import Testing
import ScaleTopCore
@testable import ScaleTopTUI

/// A filter expression that backtracks exponentially on names read from files must not hold
/// the drawing loop: it spends a bounded budget, then matches as text.
@Suite struct RunFilterBudgetTests {
    static func rows(_ names: [String]) -> [RunRow] {
        names.enumerated().map { RunRow(slot: $0.offset, name: $0.element, lastLoss: 3, bestLoss: 3, status: .running) }
    }

    /// `(a+)+$` over `aaaa…a!`: 2^30 steps for 30 a's without a budget (about a minute).
    @Test func catastrophicBacktrackingFallsBackToText() {
        let pattern = "(a+)+$"
        let names = (28...30).map { String(repeating: "a", count: $0) + "!" } + ["run-(a+)+$-copy", "plain"]
        let filter = RunFilter(pattern)
        let kept = filter.apply(Self.rows(names), sortedBy: .name, descending: false).map(\.name)
        // As text, only the name that holds the pattern's characters matches.
        #expect(kept == ["run-(a+)+$-copy"])
        #expect(filter.isTooCostly)
        #expect(filter.matchesAsText)
        #expect(!filter.isLiteral)
        // The next frame's filter knows at once.
        #expect(RunFilter(pattern).matchCount(Self.rows(names)) == 1)
        #expect(!RunFilter(pattern).matches(names[0]))
    }

    @Test func ordinaryExpressionsKeepTheirMeaning() {
        let names = (1...300).map { "sweep-\($0)-" + String(repeating: "x", count: $0 % 40) }
        let filter = RunFilter("^sweep-1\\d*-x{3}$")
        let kept = Set(filter.apply(Self.rows(names), sortedBy: .name, descending: false).map(\.name))
        let expected = Set(names.filter { $0.hasPrefix("sweep-1") && $0.hasSuffix("-xxx") && $0.dropFirst(6).prefix(while: \.isNumber).count == $0.count - 10 })
        #expect(!expected.isEmpty)
        #expect(kept == expected)
        #expect(!filter.isTooCostly)
    }

    /// One name costly on its own: a single `matches` is bounded too.
    @Test func oneNameIsBounded() {
        let pattern = "(x+x+)+y"
        let name = String(repeating: "x", count: 40)
        #expect(!RunFilter(pattern).matches(name))
        #expect(RunFilter(pattern).isTooCostly)
    }
}
