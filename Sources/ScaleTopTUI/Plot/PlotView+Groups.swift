import Foundation
import ScaleTopCore

/// The layers of a compared sweep: each group's envelope (bold) and fit (solid over its data,
/// dashed to the target) in the group's colour, a marker at each group's loss at the target,
/// and a legend entry per group. Nothing for a sweep of one group.
extension PlotView {
    func drawGroupLayers(_ model: PlotModel, options: PlotDrawOptions, frame: PlotFrame, into canvas: inout BrailleCanvas, layers: Set<PlotLayer>) {
        for group in model.groups {
            let style = theme.runStyle(slot: group.slot)
            if options.showFit, let fit = group.fit {
                let end = max(fit.fittedRange.upperBound, model.target?.x ?? 0)
                if layers.contains(.fit) {
                    canvas.polyline(fitSamples(fit, from: max(fit.fittedRange.lowerBound, frame.xAxis.lower), to: fit.fittedRange.upperBound, frame: frame),
                                    style: style, priority: PlotLayer.fit.rawValue)
                }
                if layers.contains(.extrapolation), end > fit.fittedRange.upperBound {
                    canvas.polyline(fitSamples(fit, from: fit.fittedRange.upperBound, to: end, frame: frame),
                                    style: style, priority: PlotLayer.extrapolation.rawValue, dash: .dashed)
                }
            }
            if options.showEnvelope, layers.contains(.envelope), !group.envelope.isEmpty {
                canvas.polyline(group.envelope.map { frame.pixel(x: $0.x, loss: $0.loss) }, style: style.bolded, priority: PlotLayer.envelope.rawValue)
            }
        }
    }

    /// The fit sampled at every pixel column between two computes, in view only (zoomed in, the
    /// rest would be thousands of pixels off the canvas).
    func fitSamples(_ fit: PlotFitCurve, from lo: Double, to hi: Double, frame: PlotFrame) -> [(x: Double, y: Double)] {
        let lo = max(lo, frame.xAxis.lower), hi = min(hi, frame.xAxis.upper)
        guard lo <= hi else { return [] }
        let a = frame.pixel(x: lo, loss: 1).x, b = frame.pixel(x: hi, loss: 1).x
        guard a.isFinite, b.isFinite, b >= a else { return [] }
        var points: [(x: Double, y: Double)] = []
        var px = a
        while true {
            let x = min(frame.xAxis.value(atFraction: px / Double(max(frame.pixelWidth - 1, 1))), hi)
            points.append(frame.pixel(x: x, loss: fit.loss(at: x)))
            if px >= b { break }
            px = min(px + 1, b)
        }
        return points
    }

    /// The groups' losses at the target: kept on the loss axis.
    func groupAxisExtras(_ model: PlotModel, options: PlotDrawOptions) -> [Double] {
        guard options.showFit else { return [] }
        return model.groups.compactMap(\.lossAtTarget)
    }

    /// A ◆ at each group's loss at the target, in its colour, with the loss beside it (moved a
    /// row or two when another group's took the row).
    func drawGroupTargetMarkers(_ model: PlotModel, options: PlotDrawOptions, frame: PlotFrame, into grid: inout CellGrid) {
        guard options.showFit, let target = model.target else { return }
        var taken: [Int] = []
        for group in model.groups {
            guard let loss = group.lossAtTarget, loss > 0 else { continue }
            let column = frame.column(ofX: target.x)
            let row = frame.row(ofLoss: loss)
            guard frame.canvas.contains(x: column, y: row) else { continue }
            // Two groups whose losses share a row: the label goes to the nearest free row.
            guard let labelRow = [row, row + 1, row - 1, row + 2, row - 2].first(where: { frame.canvas.contains(x: column, y: $0) && !taken.contains($0) })
            else { continue }
            taken.append(labelRow)
            let style = theme.runStyle(slot: group.slot).bolded
            grid.putNarrow(glyphs.targetMarker, x: column, y: labelRow, style: style)
            let text = "\(group.name) \(NumberText.fixed(loss, digits: loss < 10 ? 2 : 1))"
            let width = TerminalWidth.columns(of: text)
            let x = column + 2 + width <= frame.canvas.maxX ? column + 2 : column - 1 - width
            grid.write(text, x: x, y: labelRow, style: style, clip: frame.canvas)
        }
    }

    /// `━━ base  ━━ new`: which colour is which group.
    func groupLegendEntries(_ model: PlotModel) -> [(sample: String, style: CellStyle, label: String)] {
        model.groups.map { (glyphs.envelopeSample, theme.runStyle(slot: $0.slot).bolded, $0.name + ($0.fit == nil ? " (no fit)" : "")) }
    }
}
