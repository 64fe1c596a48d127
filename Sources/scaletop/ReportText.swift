import ScaleTopCore
import ScaleTopTUI

/// The plain-text report: one line per run with its status and landing, the envelope's
/// extent, the live view's fit line (the law, the loss at the target with its band, N_opt and
/// D_opt with their source) and why each flagged run (plateau, diverged, stale) is flagged.
enum ReportText {
    static func render(_ report: SweepReport) -> String {
        let sweep = report.sweep
        let counts = sweep.lineCounts
        var lines: [String] = []
        lines.append("\(sweep.runs.count) runs, \(counts.read) lines read, \(counts.bad) bad")
        let header = ["run", "params", "points", "last loss", "best loss", "status", "landing"]
        var rows: [[String]] = [header]
        var reasons: [String] = []
        for run in report.orderedRuns {
            let diagnosis = report.diagnoses[run.name]
            let verdict = diagnosis?.verdict ?? RunStatusVerdict.basic(for: run)
            rows.append([
                TextSanitizer.clean(run.name),
                run.meta.params.map(NumberText.short) ?? "?",
                String(run.usablePoints),
                run.last.map { NumberText.fixed($0.loss, digits: 3) } ?? "-",
                run.best.map { NumberText.fixed($0.loss, digits: 3) } ?? "-",
                verdict.status.rawValue,
                LandingLabel.text(diagnosis?.projection, status: verdict.status, lastLoss: run.last?.loss),
            ])
            if [.plateau, .diverged, .stale].contains(verdict.status), let reason = verdict.reason {
                reasons.append("\(TextSanitizer.clean(run.name)) \(verdict.status.rawValue): \(TextSanitizer.clean(reason))")
            }
        }
        // Columns on a terminal, not characters: a CJK name takes two per character, an emoji
        // sequence joined with ZWJ two in all.
        let widths = header.indices.map { c in rows.map { TerminalWidth.columns(of: $0[c]) }.max() ?? 0 }
        for row in rows {
            let text = row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - TerminalWidth.columns(of: cell))
                // Names, statuses and landings read left to right; numbers line up on the right.
                return [0, 5, 6].contains(c) ? cell + pad : pad + cell
            }.joined(separator: "  ")
            lines.append(String(text.reversed().drop(while: { $0 == " " }).reversed()))
        }
        let envelope = sweep.envelope.entries
        if let first = envelope.first, let last = envelope.last {
            lines.append("envelope: \(envelope.count) points from \(NumberText.short(first.flops)) FLOPs (loss \(NumberText.fixed(first.loss, digits: 3))) to \(NumberText.short(last.flops)) FLOPs (loss \(NumberText.fixed(last.loss, digits: 3)))")
        } else {
            lines.append("envelope: empty (no run has a compute axis yet)")
        }
        lines.append(fitLine(report))
        // A compared sweep: each group's fit, then each group against the baseline.
        if let grouped = report.analysis?.grouped {
            for group in grouped.groups {
                let law = group.fit.map { "L(C) = \(NumberText.fixed($0.E, digits: 2)) + \(NumberText.short($0.A))·C^-\(NumberText.fixed($0.alpha, digits: 3))" }
                lines.append(TextSanitizer.clean("group \(group.name) (\(group.runs.count) runs): \(law ?? group.noFitReason ?? "no fit")"))
            }
            lines.append(contentsOf: grouped.comparisons.map { TextSanitizer.clean(ComparisonText.line($0)) })
        }
        lines.append(contentsOf: reasons)
        for run in report.orderedRuns {
            if let reason = run.flopsUnavailableReason { lines.append("\(TextSanitizer.clean(run.name)): \(reason)") }
        }
        for source in sweep.sources where source.error != nil || source.badLines > 0 {
            let what = source.error ?? "\(source.badLines) bad lines"
            lines.append("\(TextSanitizer.clean(source.path)): \(what)")
        }
        for run in report.orderedRuns where !run.otherSeries.isEmpty {
            let others = run.otherSeries.map { "\($0.key) (\($0.usablePoints) points)" }.joined(separator: ", ")
            lines.append(TextSanitizer.clean("\(run.name): loss from \(run.lossKey ?? "-"); also logged \(others) (--loss-key K reads only K)"))
        }
        lines.append(contentsOf: report.notices.map(TextSanitizer.clean))
        lines.append(contentsOf: SweepNotes.notes(sweep: sweep, analysis: report.analysis, targetFlops: report.targetFlops).map(TextSanitizer.clean))
        return lines.joined(separator: "\n")
    }
}

extension ReportText {
    /// The live view's fit line, whole, as plain text.
    static func fitLine(_ report: SweepReport) -> String {
        let context = DashboardContext(
            targetFlops: report.targetFlops, verdicts: report.diagnoses.mapValues(\.verdict),
            projections: report.diagnoses.compactMapValues(\.projection))
        let rows = RunRow.rows(of: report.sweep, verdicts: context.verdicts, projections: context.projections)
        let summary = DashboardSummary.make(sweep: report.sweep, analysis: report.analysis ?? SweepAnalysis(), rows: rows, context: context)
        let spans = StatusLines(theme: .builtInDefault, glyphs: .unicode).fitSpans(summary, width: .max)
        return spans.map(\.text).joined()
    }
}
