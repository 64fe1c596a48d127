import Foundation

/// The plot's inspection layers: the zoomed axes, smoothed curves with their raw points faint
/// behind, the cursor's line and mark, and a zoom box being dragged.
extension PlotView {
    /// After the plot's title: the smoothing and the zoom, when on (what the picture is not).
    func inspectionTitle(_ options: PlotDrawOptions) -> [StyledText] {
        var words: [String] = []
        if options.smoothing != .off { words.append("smoothed \(options.smoothing.rawValue)") }
        if options.zoom != nil { words.append("zoomed (0 resets)") }
        return words.isEmpty ? [] : [StyledText(" · " + words.joined(separator: " · "), theme.style(.warn))]
    }

    /// The frame the plot would be drawn in (axes, canvas) without drawing it.
    func frame(_ model: PlotModel, options: PlotDrawOptions, rect: Rect) -> PlotFrame? {
        let (xAxis, yAxis) = axes(model, options: options)
        var scratch = CellGrid(width: rect.maxX, height: rect.maxY, fill: Cell(" "))
        return PlotFrame.draw(
            into: &scratch, rect: rect, title: [], footer: [], xAxis: xAxis, yAxis: yAxis, theme: theme, glyphs: glyphs, focused: false)
    }

    /// `axes` under the zoom: a zoomed x range with the loss axis over what it shows (the
    /// curves' points in range with a robust top, the envelope, fit, target and projected ends
    /// in range), or the zoomed loss range itself.
    func zoomedAxes(_ model: PlotModel, options: PlotDrawOptions, x: LogAxis, y: LogAxis) -> (LogAxis, LogAxis) {
        guard let zoom = options.zoom else { return (x, y) }
        var xAxis = x
        if let range = zoom.x { xAxis = LogAxis(lower: range.lowerBound, upper: range.upperBound, logarithmic: options.logX) }
        if let range = zoom.y { return (xAxis, LogAxis(lower: range.lowerBound, upper: range.upperBound, logarithmic: true)) }
        guard zoom.x != nil else { return (xAxis, y) }
        var losses: [Double] = []
        for series in model.series {
            for p in series.points where p.x >= xAxis.lower && p.x <= xAxis.upper && p.loss.isFinite && p.loss > 0 { losses.append(p.loss) }
        }
        var extra: [Double] = []
        if options.showEnvelope { extra += model.envelope.filter { xAxis.contains($0.x) }.map(\.loss) }
        if options.showFit, let fit = model.fit {
            let lo = max(fit.fittedRange.lowerBound, xAxis.lower), hi = min(max(fit.fittedRange.upperBound, model.target?.x ?? 0), xAxis.upper)
            if lo <= hi { extra += [fit.loss(at: lo), fit.loss(at: hi)] }
            if let target = model.target, xAxis.contains(target.x) {
                if let loss = target.predictedLoss { extra.append(loss) }
                if let band = target.band { extra += [band.lowerBound, band.upperBound] }
            }
        }
        for marker in model.markers where xAxis.contains(marker.point.x) { extra.append(marker.point.loss) }
        guard !losses.isEmpty || !extra.isEmpty else { return (xAxis, y) }
        var values = extra
        if !losses.isEmpty {
            values.append(losses.min()!)
            values.append(losses.orderStatistic(min(losses.count - 1, Int(Double(losses.count - 1) * 0.97 + 0.5))))
        }
        return (xAxis, LogAxis.fitting([], including: values, margin: 0.04, logarithmic: true))
    }

    /// A run drawn smoothed: its raw points faint (dim, lowest priority) and the moving average
    /// over them in `style`.
    func drawSmoothed(_ series: PlotSeries, style: CellStyle, priority: Int, options: PlotDrawOptions, frame: PlotFrame, into canvas: inout BrailleCanvas) {
        var faint = style
        faint.bold = false
        faint.dim = true
        var raw = PolylinePen(style: faint, priority: PlotLayer.filteredOutRun.rawValue)
        for k in series.points.indices { raw.add(frame.pixel(of: series, at: k), to: &canvas) }
        raw.finish(on: &canvas)
        let smoothed = series.smoothing.values(for: series.logPoints, reach: options.smoothing.decades)
        var pen = PolylinePen(style: style, priority: priority)
        for k in series.points.indices {
            let x = frame.xAxis.isLogarithmic ? series.logPoints[k].x : series.points[k].x
            let px = frame.xAxis.pixel(transformed: x, pixels: frame.pixelWidth)
            let py = Double(frame.pixelHeight - 1) - frame.yAxis.pixel(transformed: smoothed[k], pixels: frame.pixelHeight)
            pen.add((px, py), to: &canvas)
        }
        pen.finish(on: &canvas)
    }

    /// On the canvas: a dotted vertical line through the cursor's point, under the runs, and
    /// the box of a zoom being dragged, above everything.
    func drawInspectionLines(_ model: PlotModel, options: PlotDrawOptions, frame: PlotFrame, into canvas: inout BrailleCanvas) {
        if let cursor = options.cursor, let (series, index) = model.locate(cursor) {
            let x = frame.pixel(of: series, at: index).x
            canvas.line(from: (x, 0), to: (x, Double(frame.pixelHeight - 1)), style: theme.style(.muted), priority: PlotLayer.targetLine.rawValue, dash: .dotted)
        }
        if let from = options.dragFrom, let to = options.dragTo {
            let box = (from: from, to: to)
            let x0 = Double((min(box.from.x, box.to.x) - frame.canvas.x) * 2), x1 = Double((max(box.from.x, box.to.x) - frame.canvas.x) * 2 + 1)
            let y0 = Double((min(box.from.y, box.to.y) - frame.canvas.y) * 4), y1 = Double((max(box.from.y, box.to.y) - frame.canvas.y) * 4 + 3)
            let style = theme.style(.title)
            let priority = PlotLayer.envelope.rawValue + 10
            canvas.line(from: (x0, y0), to: (x1, y0), style: style, priority: priority, dash: .dotted)
            canvas.line(from: (x0, y1), to: (x1, y1), style: style, priority: priority, dash: .dotted)
            canvas.line(from: (x0, y0), to: (x0, y1), style: style, priority: priority, dash: .dotted)
            canvas.line(from: (x1, y0), to: (x1, y1), style: style, priority: priority, dash: .dotted)
        }
    }

    /// Over the dots: the cursor's mark on its point.
    func drawCursorMark(_ model: PlotModel, options: PlotDrawOptions, frame: PlotFrame, into grid: inout CellGrid) {
        guard let cursor = options.cursor, let (series, index) = model.locate(cursor) else { return }
        let point = series.points[index]
        var loss = point.loss
        if options.smoothing != .off {
            let smoothed = series.smoothing.values(for: series.logPoints, reach: options.smoothing.decades)
            if smoothed[index].isFinite { loss = pow(10, smoothed[index]) }
        }
        let column = frame.column(ofX: point.x), row = frame.row(ofLoss: loss)
        guard frame.canvas.contains(x: column, y: row) else { return }
        grid.putNarrow(glyphs.asciiOnly ? "@" : "●", x: column, y: row, style: theme.style(.selected).bolded)
    }
}

/// The readout line under the plot: the cursor's run and point, fitted into the width by
/// leaving out the least needed pieces whole.
public struct CursorReadoutLine: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    public func draw(_ readout: CursorReadout?, into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0 else { return }
        grid.fill(rect, style: theme.style(.mainForeground))
        grid.write(spans(readout, width: rect.width - 2), x: rect.x + 1, y: rect.y, clip: rect)
    }

    func spans(_ readout: CursorReadout?, width: Int) -> [StyledText] {
        let mark = StyledText(glyphs.asciiOnly ? "@ " : "● ", theme.style(.selected).bolded)
        guard let readout else { return [mark, StyledText("no point here: the cursor's run has no points on this axis", theme.style(.muted))] }
        let pieces = readout.pieces()
        let gap = 2
        var kept = Array(repeating: true, count: pieces.count)
        func used() -> Int {
            2 + zip(pieces, kept).filter(\.1).map { TerminalWidth.columns(of: $0.0.text) }.reduce(0, +) + gap * (kept.filter { $0 }.count - 1)
        }
        // Least needed first: the highest priority number goes first, the last such piece first.
        while used() > width, let drop = pieces.indices.filter({ kept[$0] && pieces[$0].priority > 0 }).max(by: { pieces[$0].priority < pieces[$1].priority || (pieces[$0].priority == pieces[$1].priority && $0 < $1) }) {
            kept[drop] = false
        }
        var spans = [mark]
        for (k, piece) in pieces.enumerated() where kept[k] {
            if spans.count > 1 { spans.append(StyledText(String(repeating: " ", count: gap), theme.style(.mainForeground))) }
            let style = k == 0 ? theme.runStyle(slot: readout.slot).bolded : theme.style(piece.role)
            spans.append(StyledText(piece.text, style))
        }
        return spans
    }
}
