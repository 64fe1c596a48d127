extension CellGrid {
    /// Fills `rect` (clipped to the grid) with one character.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: CellStyle = CellStyle()) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let safe = CellGrid.sanitized(character)
        if TerminalWidth.columns(of: safe) != 1 {
            for y in area.y..<area.maxY {
                var x = area.x
                while x < area.maxX { x += max(1, put(safe, x: x, y: y, style: style, limit: area.maxX)) }
            }
            return
        }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { putNarrow(safe, x: x, y: y, style: style) }
        }
    }

    /// Draws a frame around `rect` with an optional title in the top edge (`┌ title ──┐`), and
    /// an optional footer in the bottom edge (the plot's legend lives there, saving a row).
    public mutating func box(
        _ rect: Rect, glyphs: BoxGlyphs, style: CellStyle,
        title: [StyledText] = [], footer: [StyledText] = []
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.y, bottom = rect.maxY - 1, left = rect.x, right = rect.maxX - 1
        for x in (left + 1)..<right {
            putNarrow(glyphs.horizontal, x: x, y: top, style: style)
            putNarrow(glyphs.horizontal, x: x, y: bottom, style: style)
        }
        for y in (top + 1)..<bottom {
            putNarrow(glyphs.vertical, x: left, y: y, style: style)
            putNarrow(glyphs.vertical, x: right, y: y, style: style)
        }
        putNarrow(glyphs.topLeft, x: left, y: top, style: style)
        putNarrow(glyphs.topRight, x: right, y: top, style: style)
        putNarrow(glyphs.bottomLeft, x: left, y: bottom, style: style)
        putNarrow(glyphs.bottomRight, x: right, y: bottom, style: style)
        let edge = Rect(x: left + 1, y: top, width: rect.width - 3, height: 1)
        if !title.isEmpty {
            write([StyledText(" ", style)] + title + [StyledText(" ", style)], x: left + 1, y: top, clip: edge)
        }
        if !footer.isEmpty {
            let footEdge = Rect(x: left + 1, y: bottom, width: rect.width - 3, height: 1)
            write([StyledText(" ", style)] + footer + [StyledText(" ", style)], x: left + 1, y: bottom, clip: footEdge)
        }
    }

    /// A horizontal line of `character` from x over `length` cells.
    public mutating func horizontalLine(x: Int, y: Int, length: Int, character: Character, style: CellStyle) {
        guard length > 0 else { return }
        for column in x..<(x + length) { putNarrow(character, x: column, y: y, style: style) }
    }

    /// A vertical line of `character` from y over `length` cells.
    public mutating func verticalLine(x: Int, y: Int, length: Int, character: Character, style: CellStyle) {
        guard length > 0 else { return }
        for row in y..<(y + length) { putNarrow(character, x: x, y: row, style: style) }
    }
}
