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
        // One column with a blank line on top when it fits; else two columns side by side, the
        // brief actions where the full ones do not fit, so that every key is on the screen.
        let oneColumn = bindings.count + 4 <= area.height
        let columns = oneColumn ? 1 : 2
        let perColumn = (bindings.count + columns - 1) / columns
        let width = min(area.width, columns * (keyWidth + textWidth + 5) + 2)
        let height = min(area.height, perColumn + (oneColumn ? 4 : 2))
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        grid.fill(box, style: theme.style(.mainForeground))
        grid.box(box, glyphs: glyphs.box, style: theme.style(.title), title: [StyledText("keys", theme.style(.title))],
                 footer: [StyledText("any key closes", theme.style(.muted))])
        let inner = box.inset(by: 1)
        let columnWidth = inner.width / columns
        for (i, binding) in bindings.enumerated() {
            let column = i / perColumn
            let y = inner.y + (oneColumn ? 1 : 0) + i % perColumn
            guard y < inner.maxY else { continue }
            let clip = Rect(x: inner.x + column * columnWidth, y: inner.y, width: columnWidth - (column < columns - 1 ? 1 : 0), height: inner.height)
            let keys = oneColumn ? keyWidth : min(keyWidth, max(6, bindings[(column * perColumn)..<min(bindings.count, (column + 1) * perColumn)].map { TerminalWidth.columns(of: $0.keys) }.max() ?? 6))
            grid.write(binding.keys, x: clip.x + 1, y: y, style: theme.style(.target), clip: clip)
            let room = clip.maxX - (clip.x + 3 + keys)
            let action = TerminalWidth.columns(of: binding.action) > room ? binding.brief ?? binding.action : binding.action
            grid.write(action, x: clip.x + 3 + keys, y: y, style: theme.style(.mainForeground), clip: clip, ellipsis: glyphs.ellipsis)
        }
    }
}
