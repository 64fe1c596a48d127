extension CellGrid {
    /// Writes `text` from (x, y) on one row, clipped to `clip` (the whole grid by default) and
    /// returns the columns used. Control characters arrive as U+FFFD, wide graphemes take two
    /// cells (or stop the text when only one is left), combining marks ride on their base.
    /// With `ellipsis`, text cut at the right edge ends in `…` so a truncated name says so.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, style: CellStyle, clip: Rect? = nil, ellipsis: Character? = nil
    ) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY, x < area.maxX else { return 0 }
        let limit = area.maxX
        let needsEllipsis = ellipsis != nil && x + TerminalWidth.columns(of: text) > limit
        let end = needsEllipsis ? limit - 1 : limit
        var column = x
        for character in text {
            if column >= end { break }
            if column < area.x {
                // Left of the clip: advance without drawing.
                column += TerminalWidth.columns(of: CellGrid.sanitized(character))
                continue
            }
            let used = put(character, x: column, y: y, style: style, limit: end)
            if used == 0 {
                if TerminalWidth.columns(of: CellGrid.sanitized(character)) == 0 { continue }
                break  // a wide grapheme with one column left: stop rather than split it
            }
            column += used
        }
        if needsEllipsis, let ellipsis, column < limit {
            column += put(ellipsis, x: column, y: y, style: style, limit: limit)
        }
        return column - x
    }

    /// Writes `text` so that it ends at column `maxX` (exclusive): right-aligned numbers.
    @discardableResult
    public mutating func writeRight(_ text: String, maxX: Int, y: Int, style: CellStyle, clip: Rect? = nil) -> Int {
        let columns = TerminalWidth.columns(of: text)
        return write(text, x: maxX - columns, y: y, style: style, clip: clip)
    }

    /// Writes a sequence of styled pieces one after another; returns the columns used.
    @discardableResult
    public mutating func write(_ spans: [StyledText], x: Int, y: Int, clip: Rect? = nil) -> Int {
        var column = x
        for span in spans {
            column += write(span.text, x: column, y: y, style: span.style, clip: clip)
        }
        return column - x
    }

    /// The grid as plain text, one line per row, trailing blanks trimmed (so recorded screens
    /// survive editors). Continuation cells add nothing: their wide head already stands for them.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height { lines.append(rowText(y)) }
        return lines.joined(separator: "\n")
    }

    /// One row as plain text, trailing blanks trimmed.
    public func rowText(_ y: Int) -> String {
        var line = ""
        for cell in row(y) where !cell.isContinuation { line.append(cell.character) }
        while line.last == " " { line.removeLast() }
        return line
    }
}

/// A piece of text and how to draw it.
public struct StyledText: Sendable, Equatable {
    public var text: String
    public var style: CellStyle

    public init(_ text: String, _ style: CellStyle = CellStyle()) {
        self.text = text
        self.style = style
    }
}
