import Foundation
import ScaleTopCore

/// Draws the loss plot: every run's curve, the envelope, the fit and its extrapolation to the
/// target with the band, the target marker, axes and a legend in the frame's bottom edge.
public struct PlotView: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    public func draw(_ model: PlotModel, options: PlotDrawOptions, into grid: inout CellGrid, rect: Rect) {
        let title = [StyledText("\(model.lossKey ?? "loss") vs \(model.xAxis.title) · \(options.logX ? "log-log" : "log loss, linear x")", theme.style(.title))]
            + inspectionTitle(options)
        // The frame's bottom edge holds the legend after its corner and a space, up to the last corner.
        let footer = legend(model, options: options, width: rect.width - 4)
        guard !model.isEmpty else {
            grid.box(rect, glyphs: glyphs.box, style: theme.style(.border), title: PanelTitle.spans(title, focused: options.focused, glyphs: glyphs), footer: footer)
            PlotFrame.message("waiting for runs with a loss to plot", in: rect, grid: &grid, style: theme.style(.muted))
            return
        }
        let (xAxis, yAxis) = axes(model, options: options)
        guard let frame = PlotFrame.draw(
            into: &grid, rect: rect, title: title, footer: footer, xAxis: xAxis, yAxis: yAxis,
            theme: theme, glyphs: glyphs, focused: options.focused)
        else {
            PlotFrame.message("too small for a plot", in: rect, grid: &grid, style: theme.style(.muted))
            return
        }
        var canvas = BrailleCanvas(columns: frame.canvas.width, rows: frame.canvas.height)
        drawLayers(model, options: options, frame: frame, into: &canvas, layers: Set(PlotLayer.allCases))
        drawInspectionLines(model, options: options, frame: frame, into: &canvas)
        canvas.render(into: &grid, x: frame.canvas.x, y: frame.canvas.y, mode: glyphs.dots)
        drawMarkers(model, options: options, frame: frame, into: &grid)
        drawTargetMarker(model, options: options, frame: frame, into: &grid)
        drawGroupTargetMarkers(model, options: options, frame: frame, into: &grid)
        drawCursorMark(model, options: options, frame: frame, into: &grid)
    }

    /// Onsets (✕, in the status' colour) and projected ends (◇, in the run's colour) as glyphs
    /// over the dots; the projection's range is a bar on the canvas (see `drawLayers`).
    private func drawMarkers(_ model: PlotModel, options: PlotDrawOptions, frame: PlotFrame, into grid: inout CellGrid) {
        for marker in model.markers where options.matchingRuns.map({ $0.contains(marker.name) }) ?? true {
            let column = frame.column(ofX: marker.point.x)
            let row = frame.row(ofLoss: marker.point.loss)
            guard frame.canvas.contains(x: column, y: row) else { continue }
            switch marker.kind {
            case let .onset(status):
                grid.putNarrow(glyphs.onsetMarker, x: column, y: row, style: theme.style(status == .diverged ? .error : .warn))
            case .projectedEnd:
                grid.putNarrow(glyphs.projectionMarker, x: column, y: row, style: theme.runStyle(slot: marker.slot).bolded)
            }
        }
    }

    /// The axes: x over every plotted point and the target; y (loss) over the curves with a
    /// robust top (see `lossCeiling`) and down to the predicted loss and band at the target.
    func axes(_ model: PlotModel, options: PlotDrawOptions) -> (LogAxis, LogAxis) {
        var lowestX = Double.infinity, highestX = -Double.infinity, lowestLoss = Double.infinity
        for series in model.series {
            for p in series.points {
                lowestLoss = min(lowestLoss, p.loss)
                lowestX = min(lowestX, p.x)
                highestX = max(highestX, p.x)
            }
        }
        let xs = lowestX <= highestX ? [lowestX, highestX] : []
        var xExtra: [Double] = model.envelope.map(\.x)
        var yExtra: [Double] = []
        // Projected ends lie ahead of their runs: keep them in view.
        for marker in model.markers {
            guard case let .projectedEnd(range) = marker.kind else { continue }
            xExtra.append(marker.point.x)
            yExtra.append(marker.point.loss)
            if let range { yExtra.append(range.lowerBound) }
            yExtra += marker.path.map(\.loss)
        }
        if let target = model.target {
            xExtra.append(target.x)
            if options.showFit {
                if let loss = target.predictedLoss { yExtra.append(loss) }
                if let band = target.band { yExtra += [band.lowerBound, band.upperBound] }
            }
        }
        yExtra += groupAxisExtras(model, options: options)
        if lowestLoss.isFinite { yExtra.append(lowestLoss) }
        yExtra.append(lossCeiling(model))
        let xAxis = LogAxis.fitting(xs, including: xExtra, margin: 0.02, logarithmic: options.logX)
        let yAxis = LogAxis.fitting([], including: yExtra, margin: 0.04, logarithmic: true)
        return zoomedAxes(model, options: options, x: xAxis, y: yAxis)
    }

    /// The top of the loss axis: the 97th percentile of the plotted losses. The first logged
    /// losses (near ln(vocabulary), ~10) would otherwise squeeze the part people study into a
    /// few rows; curves above the ceiling leave through the top edge.
    func lossCeiling(_ model: PlotModel) -> Double {
        let total = model.series.reduce(0) { $0 + $1.points.count }
        guard total > 0 else { return 10 }
        // A strided sample keeps this cheap for large sweeps: every `stride`-th point of all
        // the curves one after another, so a series starts where the stride left the last one.
        let stride = max(1, total / 4096)
        var sample: [Double] = []
        sample.reserveCapacity(total / stride + 1)
        var skip = 0
        for series in model.series {
            let points = series.points
            var k = skip
            while k < points.count {
                let loss = points[k].loss
                if !loss.isNaN { sample.append(loss) }
                k += stride
            }
            skip = k - points.count
        }
        // No loss is a number: no ceiling (the axis leaves out what is not finite).
        guard !sample.isEmpty else { return .nan }
        return sample.orderStatistic(min(sample.count - 1, Int(Double(sample.count - 1) * 0.97 + 0.5)))
    }

    /// Rasterises the chosen layers; the tests draw single layers to compare them.
    func drawLayers(_ model: PlotModel, options: PlotDrawOptions, frame: PlotFrame, into canvas: inout BrailleCanvas, layers: Set<PlotLayer>) {
        if layers.contains(.targetLine), let target = model.target, frame.xAxis.contains(target.x) {
            let x = frame.pixel(x: target.x, loss: 1).x
            canvas.line(from: (x, 0), to: (x, Double(frame.pixelHeight - 1)), style: theme.style(.muted), priority: PlotLayer.targetLine.rawValue, dash: .dotted)
        }
        let selected = options.selectedRun
        for series in model.series {
            let filteredOut = options.matchingRuns.map { !$0.contains(series.name) } ?? false
            let layer: PlotLayer = filteredOut ? .filteredOutRun
                : series.name == selected ? .selectedRun : options.pinnedRuns.contains(series.name) ? .pinnedRun : .run
            guard layers.contains(layer) else { continue }
            var style = filteredOut ? theme.style(.muted) : theme.runStyle(slot: series.slot)
            if layer == .selectedRun { style = theme.isMonochrome ? style.bolded : theme.style(.selected) }
            if layer == .pinnedRun { style = style.bolded }
            if options.smoothing != .off, !filteredOut {
                drawSmoothed(series, style: style, priority: layer.rawValue, options: options, frame: frame, into: &canvas)
                continue
            }
            var pen = PolylinePen(style: style, priority: layer.rawValue)
            for k in series.points.indices { pen.add(frame.pixel(of: series, at: k), to: &canvas) }
            pen.finish(on: &canvas)
        }
        if layers.contains(.run) {
            for marker in model.markers where options.matchingRuns.map({ $0.contains(marker.name) }) ?? true {
                guard case let .projectedEnd(range) = marker.kind else { continue }
                let style = theme.runStyle(slot: marker.slot)
                // The remainder the projection expects, dotted in the run's colour up to the ◇.
                if marker.path.count >= 2 {
                    canvas.polyline(marker.path.map { frame.pixel(x: $0.x, loss: $0.loss) }, style: style, priority: PlotLayer.run.rawValue, dash: .dotted)
                }
                guard let range else { continue }
                let low = frame.pixel(x: marker.point.x, loss: range.lowerBound)
                let high = frame.pixel(x: marker.point.x, loss: range.upperBound)
                canvas.line(from: low, to: high, style: style, priority: PlotLayer.run.rawValue, dash: .dotted)
            }
        }
        if options.showFit, let fit = model.fit {
            drawFit(fit, target: model.target, frame: frame, into: &canvas, layers: layers)
        }
        if options.showEnvelope, layers.contains(.envelope), !model.envelope.isEmpty {
            canvas.polyline(model.envelope.map { frame.pixel(x: $0.x, loss: $0.loss) }, style: theme.style(.envelope), priority: PlotLayer.envelope.rawValue)
        }
        drawGroupLayers(model, options: options, frame: frame, into: &canvas, layers: layers)
    }

    /// The fit as a line sampled at every pixel column: solid over the compute it was fitted
    /// on, dashed from there to the target (extrapolation is a claim, not data). The band is
    /// known at the target only; it is drawn as a bar there and as a fan of two dotted lines
    /// widening from the last fitted compute, a hint that uncertainty grows with distance.
    private func drawFit(_ fit: PlotFitCurve, target: PlotTarget?, frame: PlotFrame, into canvas: inout BrailleCanvas, layers: Set<PlotLayer>) {
        // No prediction at the target (the extrapolation is withheld): no dashed line to it either.
        let end = max(fit.fittedRange.upperBound, target?.predictedLoss == nil ? 0 : target?.x ?? 0)
        func samples(from lo: Double, to hi: Double) -> [(x: Double, y: Double)] { fitSamples(fit, from: lo, to: hi, frame: frame) }
        let fitStart = max(fit.fittedRange.lowerBound, frame.xAxis.lower)
        if layers.contains(.fit) {
            canvas.polyline(samples(from: fitStart, to: fit.fittedRange.upperBound), style: theme.style(.fit), priority: PlotLayer.fit.rawValue)
        }
        if layers.contains(.extrapolation), end > fit.fittedRange.upperBound {
            canvas.polyline(samples(from: fit.fittedRange.upperBound, to: end), style: theme.style(.extrapolation), priority: PlotLayer.extrapolation.rawValue, dash: .dashed)
        }
        if layers.contains(.band), let target, let band = target.band, target.x > fit.fittedRange.upperBound {
            let style = theme.style(.band)
            let startX = fit.fittedRange.upperBound
            let start = frame.pixel(x: startX, loss: fit.loss(at: startX))
            let low = frame.pixel(x: target.x, loss: band.lowerBound)
            let high = frame.pixel(x: target.x, loss: band.upperBound)
            canvas.line(from: start, to: low, style: style, priority: PlotLayer.band.rawValue, dash: .dotted)
            canvas.line(from: start, to: high, style: style, priority: PlotLayer.band.rawValue, dash: .dotted)
            canvas.line(from: low, to: high, style: style, priority: PlotLayer.band.rawValue)
        }
    }

    /// The marker at (target, predicted loss) with its value, and the band's numbers below.
    private func drawTargetMarker(_ model: PlotModel, options: PlotDrawOptions, frame: PlotFrame, into grid: inout CellGrid) {
        guard options.showFit, let target = model.target, let loss = target.predictedLoss, loss > 0 else { return }
        let column = frame.column(ofX: target.x)
        let row = frame.row(ofLoss: loss)
        guard frame.canvas.contains(x: column, y: row) else { return }
        let style = theme.style(.target)
        grid.putNarrow(glyphs.targetMarker, x: column, y: row, style: style)
        var lines = [NumberText.fixed(loss, digits: loss < 10 ? 2 : 1)]
        if let band = target.band {
            lines.append("band \(NumberText.fixed(band.lowerBound, digits: 2))–\(NumberText.fixed(band.upperBound, digits: 2))")
        }
        for (offset, text) in lines.enumerated() {
            let width = TerminalWidth.columns(of: text)
            // Right of the marker when there is room, else to its left.
            let x = column + 2 + width <= frame.canvas.maxX ? column + 2 : column - 1 - width
            var y = row + offset
            if y >= frame.canvas.maxY { y = row - (lines.count - offset) }
            grid.write(text, x: x, y: y, style: offset == 0 ? style : theme.style(.band), clip: frame.canvas)
        }
    }

    /// The legend, written into the frame's bottom edge: only what is on screen, and only whole
    /// entries that fit in `width` columns (the first entries matter most).
    func legend(_ model: PlotModel, options: PlotDrawOptions, width: Int = .max) -> [StyledText] {
        var spans: [StyledText] = []
        var used = 0
        var full = false
        let gap = StyledText("  ", theme.style(.border))
        func add(_ sample: String, _ role: ThemeRole, _ label: String) { add(sample, theme.style(role), label) }
        func add(_ sample: String, _ style: CellStyle, _ label: String) {
            let entry = (spans.isEmpty ? [] : [gap]) + [StyledText(sample, style), StyledText(" " + label, theme.style(.axisLabel))]
            let columns = entry.reduce(0) { $0 + TerminalWidth.columns(of: $1.text) }
            guard !full, used + columns <= width else {
                full = true
                return
            }
            spans += entry
            used += columns
        }
        // A filter changes what the plot means: said first, so a narrow frame keeps it.
        if let matching = options.matchingRuns {
            add("/\(options.filter)/", .title, "\(matching.count) of \(options.totalRuns) runs, others faint")
        }
        for entry in groupLegendEntries(model) { add(entry.sample, entry.style, entry.label) }
        if !model.groups.isEmpty, options.showFit {
            add(glyphs.fitSample + glyphs.extrapolationSample, .axisLabel, "fit, extrapolation")
        }
        if options.showEnvelope, !model.envelope.isEmpty { add(glyphs.envelopeSample, .envelope, "envelope") }
        if options.showFit, let fit = model.fit {
            add(glyphs.fitSample, .fit, fit.E > 0 ? "fit E+A·C^-α" : "fit A·C^-α")
            if let target = model.target {
                if target.x > fit.fittedRange.upperBound, target.predictedLoss != nil { add(glyphs.extrapolationSample, .extrapolation, "extrapolation") }
                if target.band != nil { add(glyphs.bandSample, .band, target.bandLabel) }
                if target.predictedLoss != nil { add(String(glyphs.targetMarker), .target, "target \(LogAxis.exponentLabel(target.x))") }
            }
        }
        if model.markers.contains(where: { if case .onset = $0.kind { true } else { false } }) {
            add(String(glyphs.onsetMarker), .warn, "onset")
        }
        if model.markers.contains(where: { if case .projectedEnd = $0.kind { true } else { false } }) {
            add(String(glyphs.projectionMarker), .axisLabel, "projected")
        }
        if let selected = options.selectedRun, model.series.contains(where: { $0.name == selected }) {
            add(glyphs.fitSample, .selected, selected)
        }
        return spans
    }
}
