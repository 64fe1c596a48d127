import Foundation
import ScaleTopCore

/// The plot's data as CSV (RFC 4180: a header row, CRLF-free `\n` line ends, fields with a
/// comma, quote or line break quoted and their quotes doubled). Whole numbers below 2^53 are
/// integers (`355000000`); other numbers Swift's shortest round-trip form
/// (`1.4219798339439821e+17`), locale-free; an unknown value is an empty field.
public enum CSVExport {
    /// `envelope.csv`: the compute envelope, one row per entry (increasing FLOPs). In a sweep of
    /// groups (`grouped`), each group's own envelope instead, the group in a last column (the
    /// whole sweep's envelope mixes recipes).
    public static func envelope(_ sweep: Sweep, grouped: GroupedAnalysis? = nil) -> String {
        func row(_ entry: ComputeEnvelope.Entry) -> String {
            [number(entry.flops), number(entry.tokens), number(entry.step), number(entry.loss)].joined(separator: ",")
        }
        guard let grouped, !grouped.groups.isEmpty else {
            var s = "flops,tokens,step,loss\n"
            for entry in sweep.envelope.entries { s += row(entry) + "\n" }
            return s
        }
        var s = "flops,tokens,step,loss,group\n"
        for group in grouped.groups {
            let name = field(TextSanitizer.clean(group.name))
            for entry in group.envelope.entries { s += row(entry) + "," + name + "\n" }
        }
        return s
    }

    /// `runs.csv`: every stored point of every run, in sweep order (tokens and FLOPs as the
    /// plot derives them when not logged). In a sweep of groups, each run's group in a last column.
    public static func runs(_ sweep: Sweep) -> String {
        let groups = SweepGroups(sweep)
        var groupOfRun: [String?]?
        if groups.isComparison {
            var names = [String?](repeating: nil, count: sweep.runs.count)
            for group in groups.groups { for i in group.runs { names[i] = group.name } }
            groupOfRun = names
        }
        var s = groupOfRun == nil ? "run,params,step,tokens,flops,loss\n" : "run,params,step,tokens,flops,loss,group\n"
        for (index, run) in sweep.runs.enumerated() {
            let name = field(TextSanitizer.clean(run.name))
            let params = run.meta.params.map(number) ?? ""
            let group = groupOfRun.map { "," + ($0[index].map { field(TextSanitizer.clean($0)) } ?? "") } ?? ""
            let curve = run.curve
            for k in 0..<curve.count {
                let point = curve[k]
                let tokens = run.tokens(of: point).map(number) ?? ""
                let flops = run.flops(of: point).map(number) ?? ""
                s += [name, params, number(point.step), tokens, flops, lossText(point.loss)].joined(separator: ",") + group + "\n"
            }
        }
        return s
    }

    /// `fit.csv`: the fitted law from the smallest compute of the envelope to the target (or
    /// the end of the fit), at `rows` log-spaced computes. With a band at the target, the
    /// band columns give the plot's fan: zero width up to the last fitted compute, widening
    /// linearly in log compute to the band's 10–90 % at the target. In a sweep of groups, each
    /// group's fit from its own smallest compute, with its own band, the group in a last column.
    /// nil without a fit.
    public static func fit(_ model: PlotModel, rows: Int = 200) -> String? {
        guard model.xAxis == .flops else { return nil }
        if !model.groups.isEmpty {
            let fitted = model.groups.filter { $0.fit != nil }
            guard !fitted.isEmpty else { return nil }
            var s = "flops,predicted_loss,band_low,band_high,group\n"
            for group in fitted {
                let envelopeStart = group.envelope.map(\.x).min()
                let target = model.target.map { PlotTarget(x: $0.x, predictedLoss: group.lossAtTarget, band: group.band, bandWidened: false) }
                for fields in fitRows(group.fit!, envelopeStart: envelopeStart, target: target, rows: rows, alwaysBand: true) {
                    s += fields.joined(separator: ",") + "," + field(group.name) + "\n"
                }
            }
            return s
        }
        guard let fit = model.fit else { return nil }
        let band = model.target?.band != nil
        var s = band ? "flops,predicted_loss,band_low,band_high\n" : "flops,predicted_loss\n"
        for fields in fitRows(fit, envelopeStart: model.envelope.map(\.x).min(), target: model.target, rows: rows, alwaysBand: false) {
            s += fields.joined(separator: ",") + "\n"
        }
        return s
    }

    /// The rows of one fit: computes, losses and (with a band at the target, or empty when
    /// `alwaysBand` asks for the columns anyway) the fan's edges.
    static func fitRows(_ fit: PlotFitCurve, envelopeStart: Double?, target: PlotTarget?, rows: Int, alwaysBand: Bool) -> [[String]] {
        let lo = min(envelopeStart ?? fit.fittedRange.lowerBound, fit.fittedRange.lowerBound)
        // Without a prediction at the target (withheld), the fit's own range only.
        let hi = max(target?.predictedLoss == nil ? fit.fittedRange.upperBound : target?.x ?? fit.fittedRange.upperBound, lo)
        let band = target.flatMap { target in target.band.map { (target.x, $0) } }
        return SVGPlot.logSpaced(from: lo, to: hi, count: rows).map { c in
            let loss = fit.loss(at: c)
            var fields = [number(c), lossText(loss)]
            if let (targetX, range) = band {
                let start = fit.fittedRange.upperBound
                var t = 0.0
                if c > start, targetX > start { t = min(1, log(c / start) / log(targetX / start)) }
                let low = loss + t * (range.lowerBound - fit.loss(at: targetX))
                let high = loss + t * (range.upperBound - fit.loss(at: targetX))
                fields += [lossText(min(low, loss)), lossText(max(high, loss))]
            } else if alwaysBand {
                fields += ["", ""]
            }
            return fields
        }
    }

    /// A finite number: a whole number below 2^53 (a step, a token or parameter count) as an
    /// integer (`355000000`, not `355000000.0`), anything else in Swift's round-trip form;
    /// NaN or infinite: empty (unknown).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Losses keep their non-finite values (`nan`, `inf`): a NaN loss is a finding.
    static func lossText(_ value: Double) -> String { "\(value)" }

    /// One RFC 4180 field. Text a spreadsheet would run as a formula (starting with `=`, `+`,
    /// `-`, `@`, tab or CR, and not a number) gets a leading `'`, so it is shown as text: run
    /// names come from files.
    public static func field(_ text: String) -> String {
        let text = neutralisingFormula(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func neutralisingFormula(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil else { return text }
        return "'" + text
    }
}
