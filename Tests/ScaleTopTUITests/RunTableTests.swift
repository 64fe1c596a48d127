import Testing
import ScaleTopCore
@testable import ScaleTopTUI

@Suite struct RunTableTests {
    static let rows: [RunRow] = [
        RunRow(slot: 0, name: "w1024-d12", params: 1.2e9, tokens: 8.1e9, plannedTokens: 2.4e10, lastLoss: 2.902, bestLoss: 2.897, status: .running, landing: "on line (3.01 ± 0.03 vs 3.00)"),
        RunRow(slot: 1, name: "w128-d4", params: 1.9e7, tokens: 2.1e8, plannedTokens: 3.8e8, lastLoss: 4.011, bestLoss: 3.982, status: .plateau, statusReason: "flat for the last 35% of its compute"),
        RunRow(slot: 2, name: "lr-hi", params: 7.7e7, tokens: 3e8, plannedTokens: 1.5e9, lastLoss: .nan, bestLoss: 3.91, status: .diverged),
        RunRow(slot: 3, name: "漢字のモデル名前", params: 3.1e8, tokens: 4.4e9, plannedTokens: 6.2e9, lastLoss: 3.118, bestLoss: 3.112, status: .running),
        RunRow(slot: 4, name: "\u{1B}[2J evil", params: 7.7e7, lastLoss: 3.409, bestLoss: 3.409, status: .finished),
    ]

    func render(_ rows: [RunRow], width: Int = 100, height: Int = 9, options: RunTableView.Options = .init()) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        RunTableView(theme: .builtInDefault, glyphs: .unicode).draw(rows, options: options, into: &grid, rect: grid.bounds)
        return grid
    }

    /// Column of the first cell of `needle` in row y, counted in cells (not characters).
    func cellColumn(of needle: String, in grid: CellGrid, row y: Int) -> Int? {
        let first = needle.first!
        for x in 0..<grid.width where grid[x, y].character == first {
            var text = ""
            var k = x
            while k < grid.width, text.count < needle.count {
                if !grid[k, y].isContinuation { text.append(grid[k, y].character) }
                k += 1
            }
            if text == needle { return x }
        }
        return nil
    }

    @Test func wideNamesDoNotShiftTheColumns() {
        let grid = render(Self.rows)
        let statusColumns = (2..<7).compactMap { y in
            ["running", "plateau", "diverged", "finished"].compactMap { cellColumn(of: $0, in: grid, row: y) }.first
        }
        #expect(statusColumns.count == 5)
        #expect(Set(statusColumns).count == 1, "status column at \(statusColumns)\n\(grid.text)")
        #expect(grid.text.contains("漢字のモデル名前"))
    }

    @Test func hostileNamesAreSanitized() {
        let rows = RunRow.rows(of: Sweep())
        #expect(rows.isEmpty)
        let grid = render(Self.rows)
        #expect(TUIFixtures.hasNoControlCharacters(grid))
        #expect(grid.text.contains("\u{FFFD}[2J evil"))
    }

    @Test func statusesUseTheirRoles() {
        let grid = render(Self.rows)
        let theme = Theme.builtInDefault
        let y = 3  // w128-d4, plateau
        let x = cellColumn(of: "plateau", in: grid, row: y)!
        #expect(grid[x, y].style.foreground == theme.colors[.warn])
        let dx = cellColumn(of: "diverged", in: grid, row: 4)!
        #expect(grid[dx, 4].style.foreground == theme.colors[.error])
    }

    @Test func sortingAndFiltering() {
        let byParams = RunFilter("").apply(Self.rows, sortedBy: .params, descending: false).map(\.slot)
        #expect(byParams.first == 1 && Array(byParams.suffix(2)) == [3, 0])
        let byLoss = RunFilter("").apply(Self.rows, sortedBy: .loss, descending: false).map(\.slot)
        #expect(byLoss.last == 2, "NaN sorts last")
        let byStatus = RunFilter("").apply(Self.rows, sortedBy: .status, descending: false).map(\.status)
        #expect(byStatus.first == .diverged)
        #expect(RunFilter("^w\\d+").apply(Self.rows, sortedBy: .name, descending: false).map(\.name) == ["w1024-d12", "w128-d4"])
        #expect(RunFilter("W128").apply(Self.rows, sortedBy: .name, descending: false).count == 1)
        let literal = RunFilter("[2J")
        #expect(literal.isLiteral)
        #expect(literal.apply(Self.rows, sortedBy: .name, descending: false).count == 1)
    }

    @Test func crowdedTableShowsSelectedAndFlaggedRuns() {
        let grid = render(Self.rows, width: 80, height: 6, options: .init(selectedRun: "w1024-d12", compactWhenCrowded: true, totalRuns: 5))
        let text = grid.text
        #expect(text.contains("w1024-d12"))
        #expect(text.contains("w128-d4"))
        #expect(text.contains("lr-hi"))
        #expect(!text.contains("evil"))
        #expect(text.contains("shown: selected and flagged first"))
    }

    @Test func scrollingKeepsTheSelectionInView() {
        #expect(RunTableView.scrollOffset(requested: 0, selected: 8, count: 10, visible: 4) == 5)
        #expect(RunTableView.scrollOffset(requested: 6, selected: 2, count: 10, visible: 4) == 2)
        #expect(RunTableView.scrollOffset(requested: 9, selected: nil, count: 10, visible: 4) == 6)
        let grid = render(Self.rows, width: 100, height: 6, options: .init(selectedRun: "\u{1B}[2J evil", scrollOffset: 0))
        #expect(grid.text.contains("evil"))
        #expect(grid.text.contains("3–5 of 5"))
    }

    @Test func narrowTablesDropColumnsButKeepNameLossAndStatus() {
        let grid = render(Self.rows, width: 44, height: 8)
        let header = grid.rowText(1)
        #expect(header.contains("run") && header.contains("loss") && header.contains("status"))
        #expect(!header.contains("tokens"))
        #expect(grid.rowText(3).contains("plateau"))
    }
}
