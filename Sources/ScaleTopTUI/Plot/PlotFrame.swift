/// The frame of a log-log plot drawn into a grid: box, y labels with `┤` ticks, the x axis
/// line with `┬` ticks and labels below, and the canvas area left inside. Shared by the loss
/// plot and the IsoFLOP view so both read the same way.
struct PlotFrame {
    /// Where the canvas goes, in cells.
    let canvas: Rect
    let xAxis: LogAxis
    let yAxis: LogAxis
    let xTicks: [AxisTick]
    let yTicks: [AxisTick]

    var pixelWidth: Int { canvas.width * 2 }
    var pixelHeight: Int { canvas.height * 4 }

    /// Pixel coordinates of a data point (y grows downwards).
    func pixel(x: Double, loss: Double) -> (x: Double, y: Double) {
        (xAxis.pixel(x, pixels: pixelWidth), Double(pixelHeight - 1) - yAxis.pixel(loss, pixels: pixelHeight))
    }

    /// `pixel(x:loss:)` of a series' point, from its log scaled copy where an axis is
    /// logarithmic (the same value, without computing a logarithm).
    @inline(__always)
    func pixel(of series: PlotSeries, at index: Int) -> (x: Double, y: Double) {
        let x = xAxis.isLogarithmic ? series.logPoints[index].x : series.points[index].x
        let loss = yAxis.isLogarithmic ? series.logPoints[index].loss : series.points[index].loss
        return (xAxis.pixel(transformed: x, pixels: pixelWidth), Double(pixelHeight - 1) - yAxis.pixel(transformed: loss, pixels: pixelHeight))
    }

    /// The grid column of x and the grid row of a loss (where a marker for them goes).
    func column(ofX x: Double) -> Int { canvas.x + Int(pixel(x: x, loss: 1).x.rounded()) / 2 }
    func row(ofLoss loss: Double) -> Int { canvas.y + Int(pixel(x: 1, loss: loss).y.rounded()) / 4 }

    /// Draws the frame into `rect` and returns it, or nil when the rect is too small to hold
    /// a plot (the caller then shows a message instead).
    static func draw(
        into grid: inout CellGrid, rect: Rect, title: [StyledText], footer: [StyledText],
        xAxis: LogAxis, yAxis: LogAxis, theme: Theme, glyphs: Glyphs, focused: Bool
    ) -> PlotFrame? {
        let borderStyle = focused ? theme.style(.title) : theme.style(.border)
        grid.box(rect, glyphs: glyphs.box, style: borderStyle, title: PanelTitle.spans(title, focused: focused, glyphs: glyphs), footer: footer)
        let inner = rect.inset(by: 1)
        let canvasRows = inner.height - 2
        guard canvasRows >= 3, inner.width >= 20 else { return nil }
        let yTicks = yAxis.roundTicks(cells: canvasRows, minimumSpacing: canvasRows >= 24 ? 3 : 2)
        let labelWidth = max(3, yTicks.map { TerminalWidth.columns(of: $0.label) }.max() ?? 3)
        let axisColumn = inner.x + labelWidth + 1
        let canvas = Rect(x: axisColumn + 1, y: inner.y, width: inner.maxX - axisColumn - 2, height: canvasRows)
        guard canvas.width >= 8 else { return nil }
        let xTicks = xAxis.decadeTicks(cells: canvas.width, minimumSpacing: 10)
        let frame = PlotFrame(canvas: canvas, xAxis: xAxis, yAxis: yAxis, xTicks: xTicks, yTicks: yTicks)

        let axisStyle = theme.style(.axis)
        let labelStyle = theme.style(.axisLabel)
        grid.verticalLine(x: axisColumn, y: canvas.y, length: canvasRows, character: glyphs.box.vertical, style: axisStyle)
        for tick in yTicks {
            let row = frame.row(ofLoss: tick.value)
            guard row >= canvas.y, row < canvas.maxY else { continue }
            grid.putNarrow(glyphs.yTick, x: axisColumn, y: row, style: axisStyle)
            grid.writeRight(tick.label, maxX: axisColumn - 1, y: row, style: labelStyle, clip: inner)
        }
        let axisRow = canvas.maxY
        grid.putNarrow(glyphs.axisCorner, x: axisColumn, y: axisRow, style: axisStyle)
        grid.horizontalLine(x: axisColumn + 1, y: axisRow, length: inner.maxX - axisColumn - 1, character: glyphs.box.horizontal, style: axisStyle)
        var nextFree = inner.x
        for tick in xTicks {
            let column = frame.column(ofX: tick.value)
            guard column >= canvas.x, column < canvas.maxX else { continue }
            grid.putNarrow(glyphs.xTick, x: column, y: axisRow, style: axisStyle)
            let width = TerminalWidth.columns(of: tick.label)
            let start = min(max(column - width / 2, inner.x), inner.maxX - width)
            // Labels never overlap: a crowded one is left out rather than merged with its neighbour.
            guard start >= nextFree else { continue }
            grid.write(tick.label, x: start, y: axisRow + 1, style: labelStyle, clip: inner)
            nextFree = start + width + 1
        }
        return frame
    }

    /// A message in the middle of an empty plot.
    static func message(_ text: String, in rect: Rect, grid: inout CellGrid, style: CellStyle) {
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        let width = TerminalWidth.columns(of: text)
        grid.write(text, x: inner.x + max(0, (inner.width - width) / 2), y: inner.y + inner.height / 2, style: style, clip: inner, ellipsis: "…")
    }
}
