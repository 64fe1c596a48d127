extension CellGrid {
    /// Replaces every non-ASCII character with an ASCII stand-in, keeping each cell where it
    /// is: for terminals whose locale is not UTF-8, where any other byte sequence would print
    /// as garbage and break the layout. A wide grapheme becomes `??` (two cells, two marks).
    public mutating func foldToASCII() {
        for i in cells.indices {
            let cell = cells[i]
            if cell.isContinuation {
                cells[i] = Cell("?", style: cell.style)
            } else if !cell.character.isASCII {
                cells[i] = Cell(Self.asciiStandIn(cell.character), style: cell.style)
            }
        }
    }

    static func asciiStandIn(_ character: Character) -> Character {
        switch character {
        case "·", "•", "●", "◆": return "*"
        case "–", "—", "─", "━", "╌", "→", "−": return "-"
        case "│", "┊", "┤", "├", "▏": return "|"
        case "┌", "┐", "└", "┘", "┬", "┴", "┼": return "+"
        case "α": return "a"
        case "β": return "b"
        case "×", "✕": return "x"
        case "±": return "~"
        case "↑", "▲": return "^"
        case "↓", "▼": return "v"
        case "…": return "~"
        case "≥": return ">"
        case "≤": return "<"
        case "▸": return ">"
        default:
            // Accented letters keep their base letter; anything else is a visible unknown.
            if let base = character.unicodeScalars.first, base.isASCII, TextSanitizer.isControl(base) == false { return Character(base) }
            return "?"
        }
    }
}

import ScaleTopCore
