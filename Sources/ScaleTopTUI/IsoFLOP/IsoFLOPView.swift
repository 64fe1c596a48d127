import Foundation
import ScaleTopCore

/// The `i` view: final loss against model size per compute budget, each budget's parabola in
/// ln N and its vertex. The vertices walking right as compute grows are the IsoFLOP answer.
public struct IsoFLOPView: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    public func draw(_ model: IsoFLOPPlotModel, focused: Bool, into grid: inout CellGrid, rect: Rect) {
        let title = [StyledText("IsoFLOP · final loss vs params (N) per compute budget · log-log", theme.style(.title))]
        var footer: [StyledText] = []
        for (i, budget) in model.budgets.enumerated() {
            if !footer.isEmpty { footer.append(StyledText("  ", theme.style(.border))) }
            footer.append(StyledText(glyphs.fitSample, theme.runStyle(slot: i)))
            let note = budget.opensDownward ? " (no minimum)" : budget.atEdge ? " (edge)" : ""
            footer.append(StyledText(" \(LogAxis.exponentLabel(budget.flops))\(note)", theme.style(budget.opensDownward ? .warn : .axisLabel)))
        }
        guard !model.budgets.isEmpty else {
            grid.box(rect, glyphs: glyphs.box, style: theme.style(.border), title: PanelTitle.spans(title, focused: focused, glyphs: glyphs))
            PlotFrame.message("no compute budget yet: IsoFLOP needs finished runs of ≥ 3 sizes at one compute", in: rect, grid: &grid, style: theme.style(.muted))
            return
        }
        let path = model.optimumPath
        let ns = model.budgets.flatMap { $0.points.map(\.x) + [$0.vertex?.x].compactMap { $0 } } + path.map(\.x)
        let losses = model.budgets.flatMap { $0.points.map(\.loss) + [$0.vertex?.loss].compactMap { $0 } } + path.map(\.loss)
        let xAxis = LogAxis.fitting(ns, margin: 0.08)
        let yAxis = LogAxis.fitting(losses, margin: 0.08)
        guard let frame = PlotFrame.draw(into: &grid, rect: rect, title: title, footer: footer, xAxis: xAxis, yAxis: yAxis, theme: theme, glyphs: glyphs, focused: focused) else {
            PlotFrame.message("too small for a plot", in: rect, grid: &grid, style: theme.style(.muted))
            return
        }
        var canvas = BrailleCanvas(columns: frame.canvas.width, rows: frame.canvas.height)
        for (i, budget) in model.budgets.enumerated() {
            let style = theme.runStyle(slot: i)
            // A parabola with a maximum is no fit of an optimum: only its points are drawn.
            if let profile = budget.profile, !budget.opensDownward {
                // The parabola a little beyond the N tried, so its turn shows at the edges.
                let lo = log(budget.paramsRange.lowerBound) - 0.15, hi = log(budget.paramsRange.upperBound) + 0.15
                let steps = max(2, frame.pixelWidth / 2)
                let curve = (0...steps).map { k -> (x: Double, y: Double) in
                    let x = lo + (hi - lo) * Double(k) / Double(steps)
                    return frame.pixel(x: exp(x), loss: profile.value(at: x))
                }
                canvas.polyline(curve, style: style, priority: 10, dash: .dashed)
            }
            for point in budget.points {
                let p = frame.pixel(x: point.x, loss: point.loss)
                let (x, y) = (Int(p.x.rounded()), Int(p.y.rounded()))
                // A small cross: a point must stand out from the dashed parabola through it.
                for (dx, dy) in [(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)] {
                    canvas.set(x: x + dx, y: y + dy, style: style.bolded, priority: 20)
                }
            }
        }
        if path.count >= 2 {
            // The compute-optimal path: through the vertices, dotted on to the target's optimum.
            canvas.polyline(path.map { frame.pixel(x: $0.x, loss: $0.loss) }, style: theme.style(.target), priority: 15, dash: .dotted)
        }
        canvas.render(into: &grid, x: frame.canvas.x, y: frame.canvas.y, mode: glyphs.dots)
        // Markers first, each taking its cell; then labels, left out where they would cover a
        // marker or another label (dense sweeps have dozens of budgets).
        var labels = LabelSpans()
        var vertices: [(column: Int, row: Int, params: Double)] = []
        for budget in model.budgets {
            guard let vertex = budget.vertex else { continue }
            let column = frame.column(ofX: vertex.x), row = frame.row(ofLoss: vertex.loss)
            guard frame.canvas.contains(x: column, y: row) else { continue }
            grid.put(glyphs.vertexMarker, x: column, y: row, style: budget.atEdge ? theme.style(.warn) : theme.style(.target))
            _ = labels.claim(x: column, y: row, width: 1)
            vertices.append((column, row, vertex.x))
        }
        if let target = model.target, path.count >= 2, let flops = model.targetFlops {
            let column = frame.column(ofX: target.x), row = frame.row(ofLoss: target.loss)
            if frame.canvas.contains(x: column, y: row) {
                grid.put(glyphs.targetMarker, x: column, y: row, style: theme.style(.target))
                _ = labels.claim(x: column, y: row, width: 1)
                let label = "\(LogAxis.exponentLabel(flops)): N_opt \(NumberText.short(target.x)) "
                let width = TerminalWidth.columns(of: label)
                let x = column - width >= frame.canvas.x ? column - width : column + 1
                if labels.claim(x: x, y: row, width: width) {
                    grid.write(label, x: x, y: row, style: theme.style(.target), clip: frame.canvas)
                }
            }
        }
        for vertex in vertices {
            let label = " N_opt \(NumberText.short(vertex.params))"
            if labels.claim(x: vertex.column + 1, y: vertex.row, width: TerminalWidth.columns(of: label)) {
                grid.write(label, x: vertex.column + 1, y: vertex.row, style: theme.style(.axisLabel), clip: frame.canvas)
            }
        }
        for (i, budget) in model.budgets.enumerated() where budget.opensDownward {
            // "no minimum" beside the budget's lowest point.
            guard let lowest = budget.points.min(by: { $0.loss < $1.loss }) else { continue }
            let column = frame.column(ofX: lowest.x), row = frame.row(ofLoss: lowest.loss)
            let text = "\(LogAxis.exponentLabel(budget.flops)): no minimum"
            let x = column + 2 + TerminalWidth.columns(of: text) <= frame.canvas.maxX ? column + 2 : column - 1 - TerminalWidth.columns(of: text)
            let y = min(row + 1, frame.canvas.maxY - 1)
            if labels.claim(x: x, y: y, width: TerminalWidth.columns(of: text)) {
                grid.write(text, x: x, y: y, style: theme.runStyle(slot: i), clip: frame.canvas)
            }
        }
    }
}

/// The cells text labels have taken, so that a label never overwrites another.
struct LabelSpans {
    private var taken: [Int: [Range<Int>]] = [:]

    /// Takes `width` cells from (x, y) and returns true, or false when any of them is taken.
    mutating func claim(x: Int, y: Int, width: Int) -> Bool {
        let span = x..<(x + max(1, width))
        if taken[y, default: []].contains(where: { $0.overlaps(span) }) { return false }
        taken[y, default: []].append(span)
        return true
    }
}
