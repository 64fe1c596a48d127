import Foundation
import ScaleTopCore

/// The `m` overlay of a compared sweep: each group's compute multiplier against the baseline,
/// m(C) = C_base / C, over compute on log-log axes, with its 10–90 % band dotted, the line m = 1
/// (where the recipes are worth the same), the target and the crossing.
public struct MultiplierPlotView: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    public func draw(_ model: PlotModel, focused: Bool, into grid: inout CellGrid, rect: Rect) {
        let title = [StyledText("compute multiplier m(C) = C_base / C at equal loss · log-log", theme.style(.title))]
        let curves = model.multipliers
        var xs: [Double] = [], ys: [Double] = [1]
        for curve in curves {
            for p in curve.points {
                xs.append(p.compute)
                for v in [p.multiplier, p.low, p.high].compactMap({ $0 }) where v.isFinite && v > 0 { ys.append(v) }
            }
        }
        let footer = legend(curves, target: model.target?.x, width: rect.width - 4)
        guard !xs.isEmpty else {
            grid.box(rect, glyphs: glyphs.box, style: theme.style(.border), title: PanelTitle.spans(title, focused: focused, glyphs: glyphs), footer: footer)
            PlotFrame.message("no multiplier yet: every group needs a fit (m again closes this)", in: rect, grid: &grid, style: theme.style(.muted))
            return
        }
        let xAxis = LogAxis.fitting(xs, including: model.target.map { [$0.x] } ?? [], margin: 0.02, logarithmic: true)
        let yAxis = LogAxis.fitting(ys, margin: 0.06, logarithmic: true)
        guard let frame = PlotFrame.draw(into: &grid, rect: rect, title: title, footer: footer, xAxis: xAxis, yAxis: yAxis,
                                         theme: theme, glyphs: glyphs, focused: focused)
        else {
            PlotFrame.message("too small for a plot", in: rect, grid: &grid, style: theme.style(.muted))
            return
        }
        var canvas = BrailleCanvas(columns: frame.canvas.width, rows: frame.canvas.height)
        let muted = theme.style(.muted)
        let left = frame.pixel(x: xAxis.lower, loss: 1), right = frame.pixel(x: xAxis.upper, loss: 1)
        canvas.line(from: left, to: right, style: muted, priority: PlotLayer.targetLine.rawValue, dash: .dashed)
        if let target = model.target, xAxis.contains(target.x) {
            let x = frame.pixel(x: target.x, loss: 1).x
            canvas.line(from: (x, 0), to: (x, Double(frame.pixelHeight - 1)), style: muted, priority: PlotLayer.targetLine.rawValue, dash: .dotted)
        }
        for curve in curves {
            let style = theme.runStyle(slot: curve.slot)
            for bound in [\GroupComparison.Point.low, \GroupComparison.Point.high] {
                let points = curve.points.compactMap { p in p[keyPath: bound].flatMap { $0.isFinite && $0 > 0 ? frame.pixel(x: p.compute, loss: $0) : nil } }
                canvas.polyline(points, style: style, priority: PlotLayer.band.rawValue, dash: .dotted)
            }
            // Where the multiplier is undefined (below the baseline's floor) the line breaks.
            var segment: [(x: Double, y: Double)] = []
            for p in curve.points {
                if let m = p.multiplier, m > 0 {
                    segment.append(frame.pixel(x: p.compute, loss: m))
                } else {
                    canvas.polyline(segment, style: style.bolded, priority: PlotLayer.fit.rawValue)
                    segment = []
                }
            }
            canvas.polyline(segment, style: style.bolded, priority: PlotLayer.fit.rawValue)
        }
        canvas.render(into: &grid, x: frame.canvas.x, y: frame.canvas.y, mode: glyphs.dots)
        for curve in curves {
            let style = theme.runStyle(slot: curve.slot).bolded
            if let crossing = curve.crossing {
                let column = frame.column(ofX: crossing), row = frame.row(ofLoss: 1)
                if frame.canvas.contains(x: column, y: row) { grid.putNarrow(glyphs.onsetMarker, x: column, y: row, style: style) }
            }
            guard let at = curve.atTarget, let m = at.multiplier, let target = model.target else { continue }
            let column = frame.column(ofX: target.x), row = frame.row(ofLoss: m)
            guard frame.canvas.contains(x: column, y: row) else { continue }
            grid.putNarrow(glyphs.targetMarker, x: column, y: row, style: style)
            let text = ComparisonText.multiplier(at)
            let width = TerminalWidth.columns(of: text)
            let x = column + 2 + width <= frame.canvas.maxX ? column + 2 : column - 1 - width
            grid.write(text, x: x, y: row, style: style, clip: frame.canvas)
        }
    }

    private func legend(_ curves: [PlotMultiplierCurve], target: Double?, width: Int) -> [StyledText] {
        var spans: [StyledText] = []
        var used = 0
        func add(_ sample: String, _ style: CellStyle, _ label: String) {
            let entry = (spans.isEmpty ? [] : [StyledText("  ", theme.style(.border))]) + [StyledText(sample, style), StyledText(" " + label, theme.style(.axisLabel))]
            let columns = entry.reduce(0) { $0 + TerminalWidth.columns(of: $1.text) }
            guard used + columns <= width else { return }
            spans += entry
            used += columns
        }
        for curve in curves { add(glyphs.fitSample, theme.runStyle(slot: curve.slot).bolded, "\(curve.other) vs \(curve.baseline)") }
        add(glyphs.bandSample, theme.style(.axisLabel), "band 10–90%")
        add(glyphs.extrapolationSample, theme.style(.muted), "m = 1")
        if curves.contains(where: { $0.crossing != nil }) { add(String(glyphs.onsetMarker), theme.style(.axisLabel), "fits cross") }
        if let target { add(String(glyphs.targetMarker), theme.style(.axisLabel), "target \(LogAxis.exponentLabel(target))") }
        return spans
    }
}

/// The words of a comparison, shared by the fit line's second line and the overlay.
public enum ComparisonText {
    /// `1.8× [1.5, 2.1]`; an unbounded end is `∞`.
    public static func multiplier(_ point: GroupComparison.Point) -> String {
        guard let m = point.multiplier else { return "no multiplier" }
        var text = "\(number(m))×"
        if let low = point.low, let high = point.high { text += " [\(number(low)), \(number(high))]" }
        return text
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        return value < 10 ? NumberText.fixed(value, digits: value < 1 ? 2 : 1) : NumberText.short(value)
    }

    /// `new vs base: 1.8× compute at 1e22 [1.5, 2.1]; lines cross at 3e19`, or why not.
    public static func line(_ comparison: GroupComparison) -> String {
        let names = "\(comparison.other) vs \(comparison.baseline): "
        var text: String
        if let at = comparison.atTarget, let m = at.multiplier, let target = comparison.target {
            text = names + "\(number(m))× compute at \(LogAxis.exponentLabel(target))"
            if let low = at.low, let high = at.high { text += " [\(number(low)), \(number(high))]" }
        } else {
            text = names + (comparison.reason ?? "no multiplier")
        }
        if let crossing = comparison.crossingFlops {
            text += "; lines cross at \(LogAxis.exponentLabel(crossing))"
        } else if comparison.atTarget?.multiplier != nil {
            text += "; lines do not cross"
        }
        return text
    }
}
