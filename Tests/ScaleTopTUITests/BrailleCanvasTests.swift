import Testing
@testable import ScaleTopTUI

@Suite struct BrailleCanvasTests {
    @Test func dotsMapToBraillePatterns() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        canvas.set(x: 0, y: 0, style: CellStyle(), priority: 0)
        canvas.set(x: 1, y: 3, style: CellStyle(), priority: 0)
        var grid = CellGrid(width: 1, height: 1)
        canvas.render(into: &grid, x: 0, y: 0, mode: .braille)
        #expect(grid[0, 0].character == "\u{2881}")
    }

    @Test func horizontalLineFillsEveryColumn() {
        var canvas = BrailleCanvas(columns: 4, rows: 1)
        canvas.line(from: (0, 0), to: (7, 0), style: CellStyle(), priority: 0)
        var grid = CellGrid(width: 4, height: 1)
        canvas.render(into: &grid, x: 0, y: 0, mode: .braille)
        #expect(grid.text == "⠉⠉⠉⠉")
    }

    @Test func dashedLineLeavesGaps() {
        var canvas = BrailleCanvas(columns: 10, rows: 1)
        canvas.line(from: (0, 0), to: (19, 0), style: CellStyle(), priority: 0, dash: .dashed)
        let lit = (0..<20).filter { canvas.isSet(x: $0, y: 0) }
        #expect(lit == [0, 1, 2, 5, 6, 7, 10, 11, 12, 15, 16, 17])
    }

    @Test func diagonalLineIsConnected() {
        var canvas = BrailleCanvas(columns: 5, rows: 3)
        canvas.line(from: (0, 11), to: (9, 0), style: CellStyle(), priority: 0)
        for y in 0..<12 {
            #expect((0..<10).contains { canvas.isSet(x: $0, y: y) }, "row \(y) has a dot")
        }
    }

    @Test func higherPriorityKeepsItsColourWhateverTheOrder() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        canvas.set(x: 0, y: 0, style: CellStyle(foreground: 220), priority: 70)
        canvas.set(x: 1, y: 1, style: CellStyle(foreground: 75), priority: 10)
        #expect(canvas.cell(column: 0, row: 0).style?.foreground == 220)
        canvas.set(x: 1, y: 2, style: CellStyle(foreground: 1), priority: 70)
        #expect(canvas.cell(column: 0, row: 0).style?.foreground == 1, "equal priority: the last writer wins")
    }

    @Test func linesFarOutsideAreClippedCheaply() {
        var canvas = BrailleCanvas(columns: 4, rows: 2)
        canvas.line(from: (-1e12, 3), to: (1e12, 3), style: CellStyle(), priority: 0)
        #expect((0..<8).allSatisfy { canvas.isSet(x: $0, y: 3) })
    }

    @Test func blockAndASCIIFallbacksStillShowTheCurve() {
        var canvas = BrailleCanvas(columns: 6, rows: 2)
        canvas.line(from: (0, 0), to: (11, 7), style: CellStyle(), priority: 0)
        var blocks = CellGrid(width: 6, height: 2)
        canvas.render(into: &blocks, x: 0, y: 0, mode: .blocks)
        #expect(blocks.cells.allSatisfy { $0.character == " " || "▘▝▀▖▌▞▛▗▚▐▜▄▙▟█".contains($0.character) })
        var ascii = CellGrid(width: 6, height: 2)
        canvas.render(into: &ascii, x: 0, y: 0, mode: .ascii)
        #expect(ascii.cells.allSatisfy { $0.character.isASCII })
        #expect(ascii.cells.filter { $0.character != " " }.count >= 6)
        #expect(ascii.text.contains("'") && ascii.text.contains("_"), "a gentle descent reads ' - _")
        var steep = BrailleCanvas(columns: 2, rows: 2)
        steep.line(from: (0, 0), to: (3, 7), style: CellStyle(), priority: 0)
        var steepGrid = CellGrid(width: 2, height: 2)
        steep.render(into: &steepGrid, x: 0, y: 0, mode: .ascii)
        #expect(steepGrid.cells.contains { "\\|".contains($0.character) }, "\(steepGrid.text)")
    }
}
