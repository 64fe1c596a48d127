/// The `?` screen: every key and what it does, in a box over the middle of the dashboard.
public struct HelpOverlay: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    public func draw(into grid: inout CellGrid, area: Rect) {
        let bindings = KeyBinding.all
        let keyWidth = bindings.map { TerminalWidth.columns(of: $0.keys) }.max() ?? 8
        let textWidth = bindings.map { TerminalWidth.columns(of: $0.action) }.max() ?? 20
        let width = min(area.width, keyWidth + textWidth + 7)
        let height = min(area.height, bindings.count + 4)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        grid.fill(box, style: theme.style(.mainForeground))
        grid.box(box, glyphs: glyphs.box, style: theme.style(.title), title: [StyledText("keys", theme.style(.title))],
                 footer: [StyledText("any key closes", theme.style(.muted))])
        let inner = box.inset(by: 1)
        for (i, binding) in bindings.enumerated() {
            let y = inner.y + 1 + i
            guard y < inner.maxY else { break }
            grid.write(binding.keys, x: inner.x + 1, y: y, style: theme.style(.target), clip: inner)
            grid.write(binding.action, x: inner.x + 3 + keyWidth, y: y, style: theme.style(.mainForeground), clip: inner, ellipsis: glyphs.ellipsis)
        }
    }
}
