/// One character cell of the screen: a grapheme and its style.
///
/// A wide grapheme (CJK, most emoji) occupies two cells: the left one holds it, the right one is
/// a continuation that the terminal layer skips, because the terminal itself fills that column.
public struct Cell: Sendable, Equatable {
    public var character: Character
    public var style: CellStyle
    /// The right half of the wide grapheme in the cell to the left.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: CellStyle = CellStyle(), isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// Columns the terminal gives this cell's grapheme (0 for a continuation).
    public var columns: Int { isContinuation ? 0 : TerminalWidth.columns(of: character) }
}

/// How a cell is drawn: colours as theme roles resolved to xterm-256 indices (nil: the
/// terminal's default), and attributes.
public struct CellStyle: Sendable, Equatable, Hashable {
    public var foreground: UInt8?
    public var background: UInt8?
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(foreground: UInt8? = nil, background: UInt8? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// The same style with bold set (emphasis that survives `NO_COLOR`).
    public var bolded: CellStyle { var s = self; s.bold = true; return s }
    public var dimmed: CellStyle { var s = self; s.dim = true; return s }
    public var reversed: CellStyle { var s = self; s.reverse = true; return s }
}
