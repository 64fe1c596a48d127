/// A pixel canvas over a block of cells: 2×4 dots per cell, as braille draws them. Each cell
/// keeps one style (a terminal cell has one colour): the writer with the highest priority wins,
/// and among equals the last one. So the envelope, drawn at a high priority, keeps its colour
/// where it crosses a run, whatever order things are drawn in.
public struct BrailleCanvas: Sendable {
    /// Size in cells.
    public let columns: Int
    public let rows: Int
    /// Dots per cell as a braille bit mask (bit i = dot i+1 of U+2800).
    var dots: [UInt8]
    var styles: [CellStyle]
    var priorities: [Int16]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        let count = self.columns * self.rows
        dots = [UInt8](repeating: 0, count: count)
        styles = [CellStyle](repeating: CellStyle(), count: count)
        priorities = [Int16](repeating: .min, count: count)
    }

    public var pixelWidth: Int { columns * 2 }
    public var pixelHeight: Int { rows * 4 }

    /// Braille bit of the dot at (column 0–1, row 0–3) of a cell: dots 1–3 and 7 on the left,
    /// 4–6 and 8 on the right (the Unicode braille numbering).
    static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets one pixel; pixels outside the canvas are ignored (curves leave the plot freely).
    public mutating func set(x: Int, y: Int, style: CellStyle, priority: Int) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let cell = (y >> 2) * columns + (x >> 1)
        dots[cell] |= Self.dotBits[x & 1][y & 3]
        let p = Int16(clamping: priority)
        if p >= priorities[cell] {
            priorities[cell] = p
            styles[cell] = style
        }
    }

    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return false }
        return dots[(y >> 2) * columns + (x >> 1)] & Self.dotBits[x & 1][y & 3] != 0
    }

    /// The dot mask of a cell, and its style (nil when nothing was drawn there).
    public func cell(column: Int, row: Int) -> (mask: UInt8, style: CellStyle?) {
        let i = row * columns + column
        return (dots[i], dots[i] == 0 ? nil : styles[i])
    }

    /// Clears everything.
    public mutating func clear() {
        for i in dots.indices {
            dots[i] = 0
            priorities[i] = .min
        }
    }
}
