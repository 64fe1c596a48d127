/// The screen as an in-memory grid of cells. Everything the dashboard shows is drawn here first,
/// so a screen is a value that tests can read as text and the terminal layer can diff and blit.
///
/// Invariants the writers keep: no cell holds a control character (text passes through
/// `TextSanitizer`'s rule), and a wide grapheme is always a head cell followed by its
/// continuation cell, so overwriting either half never leaves half a glyph on screen.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public internal(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside \(width)×\(height)")
        return cells[y * width + x]
    }

    /// One row's cells.
    public func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * width)..<((y + 1) * width)] }

    /// Places one grapheme at (x, y) and returns the columns it took (0 when it did not fit or
    /// was a lone zero-width mark). `limit` is the first column it may not reach.
    @discardableResult
    public mutating func put(_ character: Character, x: Int, y: Int, style: CellStyle, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return 0 }
        let safe = Self.sanitized(character)
        let columns = TerminalWidth.columns(of: safe)
        guard columns > 0 else { return 0 }
        let end = min(limit ?? width, width)
        guard x + columns <= end else { return 0 }
        clearHalves(x: x, y: y)
        cells[y * width + x] = Cell(safe, style: style)
        if columns == 2 {
            clearHalves(x: x + 1, y: y)
            cells[y * width + x + 1] = Cell(" ", style: style, isContinuation: true)
        }
        return columns
    }

    /// Replaces a cell that is known to be a one-column, non-control character (canvas glyphs,
    /// box pieces): the hot path of plot drawing, without the width and sanitizing checks.
    mutating func putNarrow(_ character: Character, x: Int, y: Int, style: CellStyle) {
        guard y >= 0, y < height, x >= 0, x < width else { return }
        clearHalves(x: x, y: y)
        cells[y * width + x] = Cell(character, style: style)
    }

    /// Before (x, y) is overwritten: the other half of a wide grapheme there becomes a blank, so
    /// the screen never shows half a glyph or a stray continuation.
    private mutating func clearHalves(x: Int, y: Int) {
        let i = y * width + x
        let cell = cells[i]
        if cell.isContinuation, x > 0 {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
            cells[i] = Cell(" ", style: cell.style)
        } else if x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
    }

    /// The grapheme with any control scalar replaced, by `TextSanitizer`'s rule (the one place
    /// that decides what may reach a terminal).
    static func sanitized(_ character: Character) -> Character {
        if let ascii = character.asciiValue {
            return ascii < 0x20 || ascii == 0x7F ? "\u{FFFD}" : character
        }
        if character.unicodeScalars.contains(where: TextSanitizer.isControl) { return "\u{FFFD}" }
        return character
    }
}

import ScaleTopCore
