/// One character cell of the screen: a grapheme and its style roles.
public struct Cell: Sendable, Equatable {
    public var character: Character
    public var style: CellStyle

    public init(_ character: Character = " ", style: CellStyle = CellStyle()) {
        self.character = character
        self.style = style
    }
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
}
