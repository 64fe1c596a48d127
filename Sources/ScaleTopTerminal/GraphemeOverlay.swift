import ScaleTopTUI

/// Grapheme clusters that a curses cell cannot hold, drawn whole after curses has drawn its frame.
///
/// A curses cell keeps one spacing character and the marks on it, so a ZWJ emoji sequence
/// (👩‍💻) or a flag (two regional indicators) reaches the screen as its first character. Where
/// the terminal draws such a cluster in two columns, as the grid counts it, this writes the
/// whole cluster over that first character: save the cursor, move, set the cell's style, write,
/// restore the cursor (DECSC/DECRC keep curses' idea of the cursor and attributes true).
/// Elsewhere the first character stands, which never misaligns the columns after it.
struct GraphemeOverlay {
    /// Clusters on screen now, by cell index (row × width + column).
    private(set) var clusters: [Int: Cell] = [:]
    private let colours: Bool

    init(colours: Bool) {
        self.colours = colours
    }

    /// True for terminals known to draw ZWJ sequences and flags in two columns: tmux from 3.3,
    /// kitty, WezTerm, ghostty, foot, iTerm2, VS Code's terminal. `SCALETOP_GRAPHEMES=1` or `0`
    /// overrides the guess (over SSH `TERM_PROGRAM` is usually not forwarded).
    static func isSupported(environment: [String: String]) -> Bool {
        switch environment["SCALETOP_GRAPHEMES"] {
        case "1", "on", "yes": return true
        case "0", "off", "no": return false
        default: break
        }
        let program = environment["TERM_PROGRAM"] ?? ""
        if program == "tmux" {
            let version = environment["TERM_PROGRAM_VERSION"] ?? ""
            let parts = version.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard let major = parts.first else { return false }
            return major > 3 || (major == 3 && parts.count > 1 && parts[1] >= 3)
        }
        if ["WezTerm", "ghostty", "iTerm.app", "vscode"].contains(program) { return true }
        let term = environment["TERM"] ?? ""
        return term.contains("kitty") || term.hasPrefix("foot") || term.contains("ghostty") || term.contains("wezterm")
    }

    /// True when curses would drop scalars of `character` (see `TerminalWidth.cellScalars`).
    static func isCut(_ character: Character) -> Bool {
        TerminalWidth.cellScalars(of: character).count < character.unicodeScalars.count
            || character.unicodeScalars.count > maxCursesScalars
    }

    /// Scalars one curses cell holds at most (CCHARW_MAX).
    static let maxCursesScalars = 5

    /// Notes what the frame put at `index`: a cut cluster is kept, anything else forgets one.
    mutating func place(_ cell: Cell, at index: Int) {
        if !cell.isContinuation && Self.isCut(cell.character) {
            clusters[index] = cell
        } else if !clusters.isEmpty {
            clusters[index] = nil
        }
    }

    mutating func removeAll() { clusters.removeAll() }

    /// The bytes that draw every known cluster in `rows` (all rows when nil) of a frame `width`
    /// cells wide, or nothing when there is none there.
    func bytes(width: Int, rows: Set<Int>?) -> [UInt8] {
        guard !clusters.isEmpty, width > 0 else { return [] }
        var out: [UInt8] = []
        for (index, cell) in clusters.sorted(by: { $0.key < $1.key }) {
            let row = index / width, column = index % width
            if let rows, !rows.contains(row) { continue }
            out += Array("\u{1B}7\u{1B}[\(row + 1);\(column + 1)H".utf8)
            out += selectGraphicRendition(cell.style)
            out += Array(String(cell.character).utf8)
            out += Array("\u{1B}8".utf8)
        }
        return out
    }

    /// SGR for a style, from a reset: attributes, then xterm-256 colours when colours are on.
    func selectGraphicRendition(_ style: CellStyle) -> [UInt8] {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if colours {
            if let fg = style.foreground { codes.append(Self.colourCode(fg, base: 30, bright: 90, extended: 38)) }
            if let bg = style.background { codes.append(Self.colourCode(bg, base: 40, bright: 100, extended: 48)) }
        }
        return Array("\u{1B}[\(codes.joined(separator: ";"))m".utf8)
    }

    private static func colourCode(_ index: UInt8, base: Int, bright: Int, extended: Int) -> String {
        if index < 8 { return "\(base + Int(index))" }
        if index < 16 { return "\(bright + Int(index) - 8)" }
        return "\(extended);5;\(index)"
    }
}
