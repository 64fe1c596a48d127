import Foundation
import ScaleTopCore

/// The loss plot as a vector figure: the same `PlotModel` the terminal draws (series, envelope,
/// fit, target with band, markers), on log-log axes with tick labels, axis titles and a legend
/// at the right. A pure function of model, size and theme; every number is written without the
/// C locale and every text from a file is sanitized and escaped for XML.
public struct SVGPlot: Sendable {
    public var theme: Theme
    public var width: Int
    public var height: Int
    /// Toggles of the view (envelope, fit, log x); the selection is not drawn on paper.
    public var options: PlotDrawOptions
    /// Shown above the plot (sanitized and escaped); nil: no title.
    public var title: String?
    /// The runs' palette slots in the order the legend lists them (the run table's order);
    /// runs not listed follow in the plot's order. nil: the plot's order.
    public var legendOrder: [Int]?

    public init(theme: Theme, width: Int = 960, height: Int = 600, options: PlotDrawOptions = PlotDrawOptions(), title: String? = nil, legendOrder: [Int]? = nil) {
        self.legendOrder = legendOrder
        self.theme = theme
        self.width = width
        self.height = height
        self.options = options
        self.title = title
    }

    /// The figure's layout in pixels.
    struct Layout {
        var plot: (x: Double, y: Double, width: Double, height: Double)
        var legendX: Double
    }

    func layout(legendWidth: Double) -> Layout {
        let w = Double(max(width, 200)), h = Double(max(height, 150))
        let top = title == nil ? 16.0 : 40.0
        let left = 66.0, bottom = 52.0
        let plotWidth = max(80, w - left - legendWidth - 24)
        return Layout(plot: (left, top, plotWidth, max(60, h - top - bottom)), legendX: left + plotWidth + 16)
    }

    public func render(_ model: PlotModel) -> String {
        let legend = legendEntries(model)
        let legendWidth = min(260, max(150, 34 + 6.6 * Double(legend.map { $0.label.count }.max() ?? 10)))
        let layout = layout(legendWidth: legendWidth)
        let p = layout.plot
        let view = PlotView(theme: theme, glyphs: .unicode)
        let (xAxis, yAxis) = view.axes(model, options: options)
        func px(_ x: Double) -> Double { p.x + xAxis.fraction(x) * p.width }
        func py(_ loss: Double) -> Double { p.y + (1 - yAxis.fraction(loss)) * p.height }
        func point(_ x: Double, _ loss: Double) -> String { "\(Self.number(px(x))),\(Self.number(py(loss)))" }

        let background = hex(theme.color(.mainBackground)) ?? "#ffffff"
        // Text meets WCAG AA (4.5:1) on the background whatever the theme's colours.
        let foreground = ContrastingInk.readable(hex(theme.color(.mainForeground)) ?? "#1c1c1c", on: background)
        let axisColour = hex(theme.color(.axis)) ?? "#6c6c6c"
        let labelColour = ContrastingInk.readable(hex(theme.color(.axisLabel)) ?? foreground, on: background)
        let gridColour = hex(theme.color(.border)) ?? "#d0d0d0"

        var s = ""
        s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
        s += "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"\(background)\"/>\n"
        if let title {
            s += "<text x=\"\(Self.number(p.x))\" y=\"24\" font-size=\"15\" font-weight=\"bold\" fill=\"\(foreground)\">\(Self.escape(title))</text>\n"
        }
        s += "<defs><clipPath id=\"plot-area\"><rect x=\"\(Self.number(p.x))\" y=\"\(Self.number(p.y))\" width=\"\(Self.number(p.width))\" height=\"\(Self.number(p.height))\"/></clipPath></defs>\n"

        // Grid lines and ticks.
        let xTicks = xAxis.decadeTicks(cells: Int(p.width), minimumSpacing: 56)
        let yTicks = yAxis.roundTicks(cells: Int(p.height), minimumSpacing: 26)
        s += "<g id=\"grid\" stroke=\"\(gridColour)\" stroke-width=\"0.6\" opacity=\"0.6\">\n"
        for tick in xTicks where xAxis.contains(tick.value) {
            let x = Self.number(px(tick.value))
            s += "<line x1=\"\(x)\" y1=\"\(Self.number(p.y))\" x2=\"\(x)\" y2=\"\(Self.number(p.y + p.height))\"/>\n"
        }
        for tick in yTicks where yAxis.contains(tick.value) {
            let y = Self.number(py(tick.value))
            s += "<line x1=\"\(Self.number(p.x))\" y1=\"\(y)\" x2=\"\(Self.number(p.x + p.width))\" y2=\"\(y)\"/>\n"
        }
        s += "</g>\n"
        s += "<rect x=\"\(Self.number(p.x))\" y=\"\(Self.number(p.y))\" width=\"\(Self.number(p.width))\" height=\"\(Self.number(p.height))\" fill=\"none\" stroke=\"\(axisColour)\" stroke-width=\"1\"/>\n"
        s += "<g id=\"x-ticks\" fill=\"\(labelColour)\" text-anchor=\"middle\">\n"
        for tick in xTicks where xAxis.contains(tick.value) {
            let x = px(tick.value)
            s += "<line x1=\"\(Self.number(x))\" y1=\"\(Self.number(p.y + p.height))\" x2=\"\(Self.number(x))\" y2=\"\(Self.number(p.y + p.height + 5))\" stroke=\"\(axisColour)\"/>"
            s += "<text class=\"tick-label\" x=\"\(Self.number(x))\" y=\"\(Self.number(p.y + p.height + 18))\">\(Self.escape(tick.label))</text>\n"
        }
        s += "</g>\n"
        s += "<g id=\"y-ticks\" fill=\"\(labelColour)\" text-anchor=\"end\">\n"
        for tick in yTicks where yAxis.contains(tick.value) {
            let y = py(tick.value)
            s += "<line x1=\"\(Self.number(p.x - 5))\" y1=\"\(Self.number(y))\" x2=\"\(Self.number(p.x))\" y2=\"\(Self.number(y))\" stroke=\"\(axisColour)\"/>"
            s += "<text class=\"tick-label\" x=\"\(Self.number(p.x - 8))\" y=\"\(Self.number(y + 4))\">\(Self.escape(tick.label))</text>\n"
        }
        s += "</g>\n"
        let xTitle = Self.axisTitle(model.xAxis)
        s += "<text id=\"x-title\" x=\"\(Self.number(p.x + p.width / 2))\" y=\"\(Self.number(p.y + p.height + 40))\" text-anchor=\"middle\" font-size=\"13\" fill=\"\(foreground)\">\(Self.escape(xTitle))</text>\n"
        let yMid = p.y + p.height / 2
        s += "<text id=\"y-title\" x=\"16\" y=\"\(Self.number(yMid))\" transform=\"rotate(-90 16 \(Self.number(yMid)))\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"13\" fill=\"\(foreground)\">loss</text>\n"

        // The data, clipped to the plot area: runs, band, fit, envelope, markers.
        s += "<g clip-path=\"url(#plot-area)\" fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n"
        if let target = model.target, xAxis.contains(target.x), options.showFit {
            let x = Self.number(px(target.x))
            s += "<line id=\"target-line\" x1=\"\(x)\" y1=\"\(Self.number(p.y))\" x2=\"\(x)\" y2=\"\(Self.number(p.y + p.height))\" stroke=\"\(hex(theme.color(.muted)) ?? "#949494")\" stroke-width=\"0.8\" stroke-dasharray=\"2 3\"/>\n"
        }
        s += "<g id=\"runs\" stroke-width=\"1.3\" opacity=\"0.9\">\n"
        for series in model.series where !series.points.isEmpty {
            let points = series.points.map { point($0.x, $0.loss) }.joined(separator: " ")
            s += "<polyline class=\"run\" data-run=\"\(Self.escape(series.name))\" stroke=\"\(runColour(series.slot))\" points=\"\(points)\"/>\n"
        }
        s += "</g>\n"
        if options.showFit, let fit = model.fit {
            let end = max(fit.fittedRange.upperBound, model.target?.predictedLoss == nil ? 0 : model.target?.x ?? 0)
            if let target = model.target, let band = target.band, target.x > fit.fittedRange.upperBound {
                // Known at the target only: a fan from the last fitted compute to the band there.
                let start = fit.fittedRange.upperBound
                let colour = hex(theme.color(.band)) ?? "#d7af87"
                let fan = [point(start, fit.loss(at: start)), point(target.x, band.upperBound), point(target.x, band.lowerBound)]
                s += "<polygon id=\"band\" points=\"\(fan.joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.35\" stroke=\"\(colour)\" stroke-width=\"0.8\"/>\n"
            }
            let fitStart = max(fit.fittedRange.lowerBound, xAxis.lower)
            let solid = Self.logSpaced(from: fitStart, to: fit.fittedRange.upperBound, count: 120).map { point($0, fit.loss(at: $0)) }
            s += "<polyline id=\"fit\" stroke=\"\(hex(theme.color(.fit)) ?? "#d75f00")\" stroke-width=\"1.8\" points=\"\(solid.joined(separator: " "))\"/>\n"
            if end > fit.fittedRange.upperBound {
                let dashed = Self.logSpaced(from: fit.fittedRange.upperBound, to: end, count: 80).map { point($0, fit.loss(at: $0)) }
                s += "<polyline id=\"extrapolation\" stroke=\"\(hex(theme.color(.extrapolation)) ?? hex(theme.color(.fit)) ?? "#d7875f")\" stroke-width=\"1.8\" stroke-dasharray=\"7 4\" points=\"\(dashed.joined(separator: " "))\"/>\n"
            }
        }
        if options.showEnvelope, !model.envelope.isEmpty {
            let points = model.envelope.map { point($0.x, $0.loss) }.joined(separator: " ")
            // A halo in the background colour keeps the envelope apart from the runs it lies on.
            s += "<polyline stroke=\"\(background)\" stroke-width=\"6\" opacity=\"0.8\" points=\"\(points)\"/>\n"
            s += "<polyline id=\"envelope\" stroke=\"\(hex(theme.color(.envelope)) ?? foreground)\" stroke-width=\"3.2\" points=\"\(points)\"/>\n"
        }
        s += groupLayers(model, background: background, lower: xAxis.lower, point: point)
        s += "</g>\n"
        s += markers(model, px: px, py: py)
        if options.showFit, let target = model.target, let loss = target.predictedLoss, loss > 0 {
            s += targetMarker(target, loss: loss, at: (px(target.x), py(loss)), plot: p)
        }
        s += legendSVG(legend, x: layout.legendX, y: p.y, width: legendWidth, foreground: foreground)
        s += "</svg>\n"
        return s
    }

    // MARK: - Markers

    private func markers(_ model: PlotModel, px: (Double) -> Double, py: (Double) -> Double) -> String {
        guard !model.markers.isEmpty else { return "" }
        var s = "<g id=\"markers\" clip-path=\"url(#plot-area)\">\n"
        for marker in model.markers {
            let x = px(marker.point.x), y = py(marker.point.loss)
            guard x.isFinite, y.isFinite else { continue }
            let name = Self.escape(marker.name)
            switch marker.kind {
            case let .onset(status):
                let colour = hex(theme.color(status == .diverged ? .error : .warn)) ?? "#af0000"
                let r = 4.5
                s += "<path class=\"onset\" data-run=\"\(name)\" data-status=\"\(status.rawValue)\" d=\"M\(Self.number(x - r)),\(Self.number(y - r))L\(Self.number(x + r)),\(Self.number(y + r))M\(Self.number(x - r)),\(Self.number(y + r))L\(Self.number(x + r)),\(Self.number(y - r))\" stroke=\"\(colour)\" stroke-width=\"2\" fill=\"none\"/>\n"
            case let .projectedEnd(range):
                let colour = runColour(marker.slot)
                let path = marker.path.map { (px($0.x), py($0.loss)) }.filter { $0.0.isFinite && $0.1.isFinite }
                if path.count >= 2 {
                    let d = path.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(Self.number($0.element.0)),\(Self.number($0.element.1))" }.joined()
                    s += "<path class=\"projection-path\" data-run=\"\(name)\" d=\"\(d)\" stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-dasharray=\"1.5 2.5\" fill=\"none\"/>\n"
                }
                if let range {
                    s += "<line class=\"projection-range\" data-run=\"\(name)\" x1=\"\(Self.number(x))\" y1=\"\(Self.number(py(range.upperBound)))\" x2=\"\(Self.number(x))\" y2=\"\(Self.number(py(range.lowerBound)))\" stroke=\"\(colour)\" stroke-width=\"1\" stroke-dasharray=\"1.5 2\"/>\n"
                }
                s += "<path class=\"projection\" data-run=\"\(name)\" d=\"\(Self.diamond(x, y, 4.5))\" fill=\"\(hex(theme.color(.mainBackground)) ?? "#ffffff")\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>\n"
            }
        }
        return s + "</g>\n"
    }

    private func targetMarker(_ target: PlotTarget, loss: Double, at position: (x: Double, y: Double), plot p: (x: Double, y: Double, width: Double, height: Double)) -> String {
        let colour = hex(theme.color(.target)) ?? "#d70000"
        let background = hex(theme.color(.mainBackground)) ?? "#ffffff"
        let ink = ContrastingInk.readable(colour, on: background)
        var s = "<g id=\"target\">\n"
        if let band = target.band {
            s += "<title>band \(NumberText.fixed(band.lowerBound, digits: 3))–\(NumberText.fixed(band.upperBound, digits: 3))</title>\n"
        }
        s += "<path class=\"target-marker\" d=\"\(Self.diamond(position.x, position.y, 6))\" fill=\"\(colour)\" stroke=\"\(hex(theme.color(.mainBackground)) ?? "#ffffff")\" stroke-width=\"1\"/>\n"
        var lines = ["L = \(NumberText.fixed(loss, digits: loss < 10 ? 3 : 1))"]
        if let band = target.band {
            lines.append("10–90%: \(NumberText.fixed(band.lowerBound, digits: 2))–\(NumberText.fixed(band.upperBound, digits: 2))")
        }
        // Left of the marker (the target is usually at the right edge), above it when it sits low.
        let anchorRight = position.x - p.x > 150
        let tx = anchorRight ? position.x - 10 : position.x + 10
        var ty = position.y - 10 - 15 * Double(lines.count - 1)
        if ty < p.y + 12 { ty = position.y + 20 }
        for (k, line) in lines.enumerated() {
            s += "<text class=\"target-label\" x=\"\(Self.number(tx))\" y=\"\(Self.number(ty + 15 * Double(k)))\" text-anchor=\"\(anchorRight ? "end" : "start")\" fill=\"\(ink)\" font-weight=\"\(k == 0 ? "bold" : "normal")\" stroke=\"\(hex(theme.color(.mainBackground)) ?? "#ffffff")\" stroke-width=\"3\" paint-order=\"stroke\">\(Self.escape(line))</text>\n"
        }
        return s + "</g>\n"
    }

    // MARK: - Legend

    enum Sample: Equatable {
        case line(colour: String, width: Double, dash: String?)
        case swatch(colour: String)
        case diamond(colour: String, filled: Bool)
        case cross(colour: String)
    }

    struct LegendEntry {
        var sample: Sample
        var label: String
        var id: String?
    }

    func legendEntries(_ model: PlotModel) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        var series = model.series
        if let legendOrder {
            let rank = Dictionary(legendOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            series = series.enumerated().sorted { a, b in
                (rank[a.element.slot] ?? legendOrder.count + a.offset, a.offset) < (rank[b.element.slot] ?? legendOrder.count + b.offset, b.offset)
            }.map(\.element)
        }
        for series in series where !series.points.isEmpty {
            entries.append(LegendEntry(sample: .line(colour: runColour(series.slot), width: 2, dash: nil), label: series.name))
        }
        entries += groupLegendEntries(model)
        if options.showEnvelope, !model.envelope.isEmpty {
            entries.append(LegendEntry(sample: .line(colour: hex(theme.color(.envelope)) ?? "#000000", width: 3.2, dash: nil), label: "compute envelope", id: "legend-envelope"))
        }
        if options.showFit, let fit = model.fit {
            let formula = fit.E > 0
                ? "fit L = \(NumberText.short(fit.E)) + \(NumberText.short(exp(fit.logA)))·C^-\(NumberText.fixed(fit.alpha, digits: 3))"
                : "fit L = \(NumberText.short(exp(fit.logA)))·C^-\(NumberText.fixed(fit.alpha, digits: 3))"
            entries.append(LegendEntry(sample: .line(colour: hex(theme.color(.fit)) ?? "#d75f00", width: 1.8, dash: nil), label: formula, id: "legend-fit"))
            if let target = model.target {
                if target.x > fit.fittedRange.upperBound, target.predictedLoss != nil {
                    entries.append(LegendEntry(sample: .line(colour: hex(theme.color(.extrapolation)) ?? "#d7875f", width: 1.8, dash: "7 4"), label: "extrapolation"))
                }
                if target.band != nil {
                    entries.append(LegendEntry(sample: .swatch(colour: hex(theme.color(.band)) ?? "#d7af87"), label: target.bandLabel))
                }
                if let loss = target.predictedLoss {
                    entries.append(LegendEntry(
                        sample: .diamond(colour: hex(theme.color(.target)) ?? "#d70000", filled: true),
                        label: "target \(LogAxis.exponentLabel(target.x)): L = \(NumberText.fixed(loss, digits: 3))", id: "legend-target"))
                }
            }
        }
        if let onset = model.markers.first(where: { if case .onset = $0.kind { true } else { false } }), case let .onset(status) = onset.kind {
            entries.append(LegendEntry(sample: .cross(colour: hex(theme.color(status == .diverged ? .error : .warn)) ?? "#af0000"), label: "plateau / divergence onset"))
        }
        if model.markers.contains(where: { if case .projectedEnd = $0.kind { true } else { false } }) {
            entries.append(LegendEntry(sample: .diamond(colour: hex(theme.color(.axisLabel)) ?? "#444444", filled: false), label: "projected end"))
        }
        return entries
    }

    private func legendSVG(_ entries: [LegendEntry], x: Double, y: Double, width: Double, foreground: String) -> String {
        guard !entries.isEmpty else { return "" }
        let rowHeight = 17.0
        let maxChars = Int((width - 34) / 6.6)
        var s = "<g id=\"legend\" font-size=\"11\" fill=\"\(foreground)\">\n"
        s += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(rowHeight * Double(entries.count) + 10))\" fill=\"none\" stroke=\"\(hex(theme.color(.border)) ?? "#bcbcbc")\" stroke-width=\"0.8\"/>\n"
        for (k, entry) in entries.enumerated() {
            let cy = y + 5 + rowHeight * (Double(k) + 0.5)
            let sx = x + 8
            switch entry.sample {
            case let .line(colour, strokeWidth, dash):
                s += "<line x1=\"\(Self.number(sx))\" y1=\"\(Self.number(cy))\" x2=\"\(Self.number(sx + 20))\" y2=\"\(Self.number(cy))\" stroke=\"\(colour)\" stroke-width=\"\(Self.number(strokeWidth))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
            case let .swatch(colour):
                s += "<rect x=\"\(Self.number(sx))\" y=\"\(Self.number(cy - 5))\" width=\"20\" height=\"10\" fill=\"\(colour)\" fill-opacity=\"0.35\" stroke=\"\(colour)\" stroke-width=\"0.8\"/>"
            case let .diamond(colour, filled):
                s += "<path d=\"\(Self.diamond(sx + 10, cy, 5))\" fill=\"\(filled ? colour : "none")\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
            case let .cross(colour):
                s += "<path d=\"M\(Self.number(sx + 6)),\(Self.number(cy - 4))L\(Self.number(sx + 14)),\(Self.number(cy + 4))M\(Self.number(sx + 6)),\(Self.number(cy + 4))L\(Self.number(sx + 14)),\(Self.number(cy - 4))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            }
            var label = entry.label
            if label.count > maxChars, maxChars > 1 { label = String(label.prefix(maxChars - 1)) + "…" }
            s += "<text\(entry.id.map { " id=\"\($0)\"" } ?? "") class=\"legend-label\" x=\"\(Self.number(sx + 26))\" y=\"\(Self.number(cy + 4))\">\(Self.superscripted(label))</text>\n"
        }
        return s + "</g>\n"
    }

    // MARK: - Helpers

    static func axisTitle(_ axis: PlotXAxis) -> String {
        switch axis {
        case .flops: "compute C (FLOPs)"
        case .tokens: "tokens"
        case .steps: "step"
        }
    }

    /// A run's palette colour; on paper, palette entries that are also the envelope's, the
    /// fit's or the target's colour are passed over, so no run reads as the envelope or the fit.
    func runColour(_ slot: Int) -> String {
        let reserved = Set([ThemeRole.envelope, .fit, .extrapolation, .target].compactMap { theme.color($0) })
        let palette = theme.isMonochrome ? [] : theme.palette.filter { !reserved.contains($0) }
        guard palette.count >= 4 else {
            return hex(theme.runStyle(slot: slot).foreground) ?? hex(theme.color(.mainForeground)) ?? "#1c1c1c"
        }
        return XTermColor.hex(palette[((slot % palette.count) + palette.count) % palette.count])
    }

    /// Escaped text with `^exponent` set as a superscript (`C^-0.196`).
    static func superscripted(_ text: String) -> String {
        let escaped = escape(text)
        guard let caret = escaped.firstIndex(of: "^") else { return escaped }
        let base = escaped[..<caret]
        let rest = escaped[escaped.index(after: caret)...]
        let exponent = rest.prefix { $0 != " " }
        let tail = rest.dropFirst(exponent.count)
        return "\(base)<tspan dy=\"-4\" font-size=\"8.5\">\(exponent.replacingOccurrences(of: "-", with: "\u{2212}"))</tspan><tspan dy=\"4\">\(tail)</tspan>"
    }

    func hex(_ index: UInt8?) -> String? { index.map(XTermColor.hex) }

    static func diamond(_ x: Double, _ y: Double, _ r: Double) -> String {
        "M\(number(x)),\(number(y - r))L\(number(x + r)),\(number(y))L\(number(x)),\(number(y + r))L\(number(x - r)),\(number(y))Z"
    }

    /// `count` values from `lo` to `hi`, evenly spaced in log (both ends included).
    static func logSpaced(from lo: Double, to hi: Double, count: Int) -> [Double] {
        guard lo > 0, hi > lo, count >= 2 else { return lo > 0 ? [lo] : [] }
        let a = log(lo), b = log(hi)
        return (0..<count).map { k in k == 0 ? lo : k == count - 1 ? hi : exp(a + (b - a) * Double(k) / Double(count - 1)) }
    }

    /// A coordinate with two decimals, locale-free; a non-finite one becomes 0 (it cannot occur
    /// for points on a log axis that passed the model's filters, but XML must stay valid).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = NumberText.fixed(min(max(value, -1e7), 1e7), digits: 2)
        return text.hasSuffix(".00") ? String(text.dropLast(3)) : text
    }

    /// Text for XML content and attribute values: control characters replaced (TextSanitizer),
    /// then `& < > " '` escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in TextSanitizer.clean(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// xterm-256 colour indices as RGB.
public enum XTermColor {
    static let system: [String] = [
        "#000000", "#800000", "#008000", "#808000", "#000080", "#800080", "#008080", "#c0c0c0",
        "#808080", "#ff0000", "#00ff00", "#ffff00", "#0000ff", "#ff00ff", "#00ffff", "#ffffff",
    ]

    public static func hex(_ index: UInt8) -> String {
        let i = Int(index)
        if i < 16 { return system[i] }
        func h(_ v: Int) -> String {
            let digits = Array("0123456789abcdef")
            return String([digits[v / 16], digits[v % 16]])
        }
        if i >= 232 {
            let v = 8 + 10 * (i - 232)
            return "#" + h(v) + h(v) + h(v)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let c = i - 16
        return "#" + h(levels[c / 36]) + h(levels[(c / 6) % 6]) + h(levels[c % 6])
    }
}
