extension BrailleCanvas {
    /// Copies the drawn cells into `grid` with their top-left cell at (x, y). Cells with no
    /// dots are left alone, so text drawn earlier (grid lines, labels) shows through.
    public func render(into grid: inout CellGrid, x originX: Int, y originY: Int, mode: DotMode) {
        for row in 0..<rows {
            for column in 0..<columns {
                let i = row * columns + column
                let mask = dots[i]
                guard mask != 0 else { continue }
                grid.putNarrow(Self.glyph(mask, mode: mode), x: originX + column, y: originY + row, style: styles[i])
            }
        }
    }

    /// The character for a cell's dots in `mode`.
    static func glyph(_ mask: UInt8, mode: DotMode) -> Character {
        switch mode {
        case .braille: return brailleGlyphs[Int(mask)]
        case .blocks: return quadrantGlyphs[Int(quadrants(mask))]
        case .ascii: return asciiGlyphs[Int(mask)]
        }
    }

    static let brailleGlyphs: [Character] = (0..<256).map { Character(Unicode.Scalar(0x2800 + UInt32($0))!) }

    /// Quadrant bits (top-left 1, top-right 2, bottom-left 4, bottom-right 8) of a braille mask:
    /// a quadrant is inked when any of its four dots is.
    static func quadrants(_ mask: UInt8) -> UInt8 {
        var q: UInt8 = 0
        if mask & (0x01 | 0x02) != 0 { q |= 1 }
        if mask & (0x08 | 0x10) != 0 { q |= 2 }
        if mask & (0x04 | 0x40) != 0 { q |= 4 }
        if mask & (0x20 | 0x80) != 0 { q |= 8 }
        return q
    }

    static let quadrantGlyphs: [Character] = [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"]

    static let asciiGlyphs: [Character] = (0..<256).map { asciiGlyph(UInt8($0)) }

    /// An ASCII character that follows the dots' shape: the slope between the left and right
    /// halves gives `/` or `\`, a tall stack `|`, otherwise the height gives `'`, `-` or `_`.
    static func asciiGlyph(_ mask: UInt8) -> Character {
        guard mask != 0 else { return " " }
        func rows(_ side: Int) -> [Int] { (0..<4).filter { mask & dotBits[side][$0] != 0 } }
        let left = rows(0), right = rows(1)
        let all = left + right
        let mean = Double(all.reduce(0, +)) / Double(all.count)
        if !left.isEmpty, !right.isEmpty {
            let lm = Double(left.reduce(0, +)) / Double(left.count)
            let rm = Double(right.reduce(0, +)) / Double(right.count)
            if rm - lm >= 1.5 { return "\\" }
            if lm - rm >= 1.5 { return "/" }
        }
        if (all.max()! - all.min()!) >= 3 && (left.isEmpty || right.isEmpty) { return "|" }
        if mean < 1 { return "'" }
        if mean < 2.5 { return "-" }
        return "_"
    }
}
