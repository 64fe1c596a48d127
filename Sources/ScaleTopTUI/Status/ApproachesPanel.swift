import ScaleTopCore

/// The `a` panel: the three approaches' exponents and optimum at the target in one box over the
/// plot, the row the optimum comes from marked (▶), the parametric intervals under them.
public struct ApproachesPanel: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    /// The table's text lines (header first), padded into columns.
    func lines(_ table: ApproachesTable) -> [(text: String, isSource: Bool, applies: Bool)] {
        let at = table.target.map { " at \(LogAxis.exponentLabel($0))" } ?? ""
        var lines: [(String, Bool, Bool)] = [(Self.columns(["approach", "a", "b", "N_opt\(at)", "D_opt\(at)"]), false, true)]
        for row in table.rows {
            let marker = row.isSource ? "\(glyphs.pinMark) " : "  "
            guard let e = row.estimate else {
                lines.append((Self.columns([marker + row.name]) + (row.why ?? ""), false, false))
                continue
            }
            lines.append((Self.columns([
                marker + row.name, NumberText.fixed(e.a, digits: 3), NumberText.fixed(e.b, digits: 3),
                e.paramsAtTarget.map(NumberText.short) ?? "–", e.tokensAtTarget.map(NumberText.short) ?? "–",
            ]), row.isSource, true))
        }
        return lines
    }

    static let widths = [15, 7, 7, 15, 15]

    static func columns(_ cells: [String]) -> String {
        var text = ""
        for (i, cell) in cells.enumerated() {
            let width = widths[min(i, widths.count - 1)]
            text += cell + String(repeating: " ", count: max(1, width - TerminalWidth.columns(of: cell)))
        }
        return text
    }

    public func draw(_ table: ApproachesTable, into grid: inout CellGrid, area: Rect) {
        let body = lines(table)
        var notes: [String] = []
        if let intervals = table.intervals { notes.append("parametric " + intervals) }
        if table.dropped > 0 { notes.append("parametric fit without the \(table.dropped) highest-loss runs (--drop-highest)") }
        if table.rows.contains(where: \.isSource) { notes.append("\(glyphs.pinMark) the optimum at the target comes from this row") }
        let contentWidth = (body.map { TerminalWidth.columns(of: $0.text) } + notes.map { TerminalWidth.columns(of: $0) }).max() ?? 40
        let width = min(area.width, contentWidth + 4)
        let height = min(area.height, body.count + notes.count + 4)
        guard width >= 20, height >= 5 else { return }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        grid.fill(box, style: theme.style(.mainForeground))
        grid.box(box, glyphs: glyphs.box, style: theme.style(.title), title: [StyledText("Chinchilla's three approaches", theme.style(.title))],
                 footer: [StyledText("a or Esc closes", theme.style(.muted))])
        let inner = box.inset(by: 1)
        var y = inner.y + 1
        for (i, line) in body.enumerated() where y < inner.maxY {
            let style = i == 0 ? theme.style(.axisLabel) : line.isSource ? theme.style(.target).bolded : line.applies ? theme.style(.mainForeground) : theme.style(.muted)
            grid.write(line.text, x: inner.x + 1, y: y, style: style, clip: inner, ellipsis: glyphs.ellipsis)
            y += 1
        }
        for note in notes where y < inner.maxY {
            grid.write(note, x: inner.x + 1, y: y, style: theme.style(.muted), clip: inner, ellipsis: glyphs.ellipsis)
            y += 1
        }
    }
}
