import Foundation
import ScaleTopCore

/// A compared sweep in the figure: each group's envelope (bold, with a halo) and fit (solid over
/// its data, dashed to the target) in the group's colour, and a legend entry per group.
extension SVGPlot {
    func groupLayers(_ model: PlotModel, background: String, lower: Double, point: (Double, Double) -> String) -> String {
        var s = ""
        for group in model.groups {
            let colour = runColour(group.slot)
            let id = Self.escape(group.name)
            if options.showFit, let fit = group.fit {
                let solid = Self.logSpaced(from: max(fit.fittedRange.lowerBound, lower), to: fit.fittedRange.upperBound, count: 120).map { point($0, fit.loss(at: $0)) }
                s += "<polyline class=\"group-fit\" data-group=\"\(id)\" stroke=\"\(colour)\" stroke-width=\"1.8\" points=\"\(solid.joined(separator: " "))\"/>\n"
                if let target = model.target?.x, target > fit.fittedRange.upperBound {
                    let dashed = Self.logSpaced(from: fit.fittedRange.upperBound, to: target, count: 80).map { point($0, fit.loss(at: $0)) }
                    s += "<polyline class=\"group-extrapolation\" data-group=\"\(id)\" stroke=\"\(colour)\" stroke-width=\"1.8\" stroke-dasharray=\"7 4\" points=\"\(dashed.joined(separator: " "))\"/>\n"
                }
            }
            if options.showEnvelope, !group.envelope.isEmpty {
                let points = group.envelope.map { point($0.x, $0.loss) }.joined(separator: " ")
                s += "<polyline stroke=\"\(background)\" stroke-width=\"6\" opacity=\"0.8\" points=\"\(points)\"/>\n"
                s += "<polyline class=\"group-envelope\" data-group=\"\(id)\" stroke=\"\(colour)\" stroke-width=\"3.2\" points=\"\(points)\"/>\n"
            }
        }
        return s
    }

    func groupLegendEntries(_ model: PlotModel) -> [LegendEntry] {
        model.groups.map { group in
            var label = "group \(group.name)"
            if let fit = group.fit {
                label += ": L = \(NumberText.short(fit.E)) + \(NumberText.short(exp(fit.logA)))·C^-\(NumberText.fixed(fit.alpha, digits: 3))"
            } else {
                label += " (no fit)"
            }
            return LegendEntry(sample: .line(colour: runColour(group.slot), width: 3.2, dash: nil), label: label)
        }
    }
}
