import ScaleTopCore
import ScaleTopTUI

/// The plain-text report: one line per run and the envelope's extent.
enum ReportText {
    static func render(_ report: SweepReport) -> String {
        let sweep = report.sweep
        let counts = sweep.lineCounts
        var lines: [String] = []
        lines.append("\(sweep.runs.count) runs, \(counts.read) lines read, \(counts.bad) bad")
        let header = ["run", "params", "points", "last loss", "best loss", "status"]
        var rows: [[String]] = [header]
        for run in report.orderedRuns {
            rows.append([
                TextSanitizer.clean(run.name),
                run.meta.params.map(NumberText.short) ?? "?",
                String(run.usablePoints),
                run.last.map { NumberText.fixed($0.loss, digits: 3) } ?? "-",
                run.best.map { NumberText.fixed($0.loss, digits: 3) } ?? "-",
                RunStatusVerdict.basic(for: run).status.rawValue,
            ])
        }
        // Columns on a terminal, not characters: a CJK name takes two per character, an emoji
        // sequence joined with ZWJ two in all.
        let widths = header.indices.map { c in rows.map { TerminalWidth.columns(of: $0[c]) }.max() ?? 0 }
        for row in rows {
            lines.append(row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - TerminalWidth.columns(of: cell))
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  "))
        }
        let envelope = sweep.envelope.entries
        if let first = envelope.first, let last = envelope.last {
            lines.append("envelope: \(envelope.count) points from \(NumberText.short(first.flops)) FLOPs (loss \(NumberText.fixed(first.loss, digits: 3))) to \(NumberText.short(last.flops)) FLOPs (loss \(NumberText.fixed(last.loss, digits: 3)))")
        } else {
            lines.append("envelope: empty (no run has a compute axis yet)")
        }
        for run in report.orderedRuns {
            if let reason = run.flopsUnavailableReason { lines.append("\(TextSanitizer.clean(run.name)): \(reason)") }
        }
        for source in sweep.sources where source.error != nil || source.badLines > 0 {
            let what = source.error ?? "\(source.badLines) bad lines"
            lines.append("\(TextSanitizer.clean(source.path)): \(what)")
        }
        lines.append(contentsOf: report.notices.map(TextSanitizer.clean))
        return lines.joined(separator: "\n")
    }
}
