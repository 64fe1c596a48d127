import Testing
import ScaleTopCore
@testable import ScaleTopTUI

@Suite struct CellGridTests {
    @Test func blankCellIsASpaceInTheDefaultStyle() {
        let cell = Cell()
        #expect(cell.character == " ")
        #expect(cell.style == CellStyle())
        #expect(!cell.isContinuation)
    }

    @Test func textIsClippedToTheRect() {
        var grid = CellGrid(width: 10, height: 2)
        let used = grid.write("hello world", x: 2, y: 0, style: CellStyle(), clip: Rect(x: 0, y: 0, width: 7, height: 1))
        #expect(used == 5)
        #expect(grid.text == "  hello\n")
    }

    @Test func ellipsisMarksCutText() {
        var grid = CellGrid(width: 8, height: 1)
        grid.write("abcdefghij", x: 0, y: 0, style: CellStyle(), ellipsis: "…")
        #expect(grid.text == "abcdefg…")
    }

    @Test func controlCharactersNeverReachACell() {
        var grid = CellGrid(width: 20, height: 1)
        grid.write("\u{1B}[2J evil\u{7}\u{9B}x", x: 0, y: 0, style: CellStyle())
        #expect(TUIFixtures.hasNoControlCharacters(grid))
        #expect(grid.text == "\u{FFFD}[2J evil\u{FFFD}\u{FFFD}x")
        grid.put("\n", x: 0, y: 0, style: CellStyle())
        #expect(grid[0, 0].character == "\u{FFFD}")
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(width: 8, height: 1)
        let used = grid.write("a漢b😀", x: 0, y: 0, style: CellStyle())
        #expect(used == 6)
        #expect(grid[1, 0].character == "漢")
        #expect(grid[2, 0].isContinuation)
        #expect(grid[3, 0].character == "b")
        #expect(grid[5, 0].isContinuation)
        #expect(grid.text == "a漢b😀")
    }

    @Test func wideCharacterThatDoesNotFitStopsTheText() {
        var grid = CellGrid(width: 4, height: 1)
        let used = grid.write("ab漢漢", x: 0, y: 0, style: CellStyle(), clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(used == 2)
        #expect(!grid[2, 0].isContinuation)
        #expect(grid[2, 0].character == " ")
    }

    @Test func combiningMarksDoNotShiftColumns() {
        var grid = CellGrid(width: 10, height: 1)
        let used = grid.write("e\u{301}x\u{200B}y", x: 0, y: 0, style: CellStyle())
        #expect(used == 3)
        #expect(grid[0, 0].character == "e\u{301}")
        #expect(grid[1, 0].character == "x")
        #expect(grid[2, 0].character == "y")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 4, height: 1)
        grid.write("漢", x: 0, y: 0, style: CellStyle())
        grid.put("x", x: 1, y: 0, style: CellStyle())
        #expect(grid[0, 0].character == " ")
        #expect(!grid[1, 0].isContinuation)
        #expect(grid.text == " x")
        grid.write("漢", x: 2, y: 0, style: CellStyle())
        grid.put("y", x: 2, y: 0, style: CellStyle())
        #expect(!grid[3, 0].isContinuation)
    }

    @Test func boxDrawsFrameAndTitle() {
        var grid = CellGrid(width: 12, height: 3)
        grid.box(grid.bounds, glyphs: .light, style: CellStyle(), title: [StyledText("runs")])
        #expect(grid.text == "┌ runs ────┐\n│          │\n└──────────┘")
    }

    @Test func diffGivesTheChangedRunsAndReproducesTheNewGrid() {
        var old = CellGrid(width: 20, height: 3)
        old.write("hello", x: 0, y: 0, style: CellStyle())
        var new = old
        new.write("J", x: 0, y: 0, style: CellStyle())
        new.write("漢", x: 10, y: 2, style: CellStyle())
        new.put("q", x: 19, y: 1, style: CellStyle(foreground: 3))
        let runs = new.diff(from: old)
        #expect(runs.map(\.y) == [0, 1, 2])
        #expect(runs[0].x == 0 && runs[0].cells.count == 1)
        #expect(runs[2].x == 10 && runs[2].cells.count == 2)
        var replay = old
        replay.apply(runs)
        #expect(replay == new)
        #expect(new.diff(from: new).isEmpty)
    }

    @Test func diffAfterAResizeRepaintsEverything() {
        let a = CellGrid(width: 5, height: 2), b = CellGrid(width: 6, height: 2)
        #expect(b.diff(from: a).count == 2)
    }

    @Test func terminalWidths() {
        #expect(TerminalWidth.columns(of: "abc") == 3)
        #expect(TerminalWidth.columns(of: "漢字") == 4)
        #expect(TerminalWidth.columns(of: "❤️") == 2)
        #expect(TerminalWidth.columns(of: "⠑") == 1)
        #expect(TerminalWidth.columns(of: "\u{301}") == 0)
    }
}
