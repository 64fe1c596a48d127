/// How many terminal columns a grapheme takes: 0, 1 or 2, the way wcwidth-following terminals
/// (xterm, VTE, tmux) count them. The grid needs this so that a CJK run name or an emoji cannot
/// push the columns after it out of line.
public enum TerminalWidth {
    public static func columns(of character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // An emoji presentation selector turns a text symbol (❤) into a two-column emoji.
        if scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if isZeroWidth(first) { return 0 }
        return isWide(first) ? 2 : 1
    }

    /// The scalars of `character` that one terminal cell can hold: curses keeps a spacing
    /// character and the zero-width ones after it, and would cut a ZWJ emoji sequence or a
    /// flag after its first joiner, leaving the joiner to fuse with the next cell's
    /// character. Such a cluster is drawn as its first character and the marks on it, whole
    /// as a character, never as a dangling joiner.
    public static func cellScalars(of character: Character) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        for scalar in character.unicodeScalars {
            if !scalars.isEmpty && (scalar.value == 0x200D || !isZeroWidth(scalar)) && scalar.value != 0xFE0F { break }
            scalars.append(scalar)
        }
        return scalars
    }

    /// Columns of a whole string.
    public static func columns(of text: String) -> Int {
        var total = 0
        for character in text { total += columns(of: character) }
        return total
    }

    /// Combining marks, format characters (zero-width space, joiners, bidi controls) and Hangul
    /// medial vowels: they attach to what precedes them and take no column of their own.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return (0x1160...0x11FF).contains(scalar.value)
        }
    }

    /// East Asian Wide and Fullwidth ranges, and emoji shown as pictures by default.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
