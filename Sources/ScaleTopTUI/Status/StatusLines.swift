import ScaleTopCore

/// The header line (what is watched, how fresh), the fit line (the answer people came for:
/// loss at the target and how sure) and the key bar.
public struct StatusLines: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    /// ` scaletop  runs/  11 runs (3 running)  target 1e23 FLOPs   …   updated 2s ago  bad lines 0  files 11  ? help`
    public func drawHeader(_ s: DashboardSummary, into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0 else { return }
        let y = rect.y
        var left: [StyledText] = [StyledText(" scaletop ", theme.style(.title))]
        // A notice (an alert's failure, where `w` wrote the view) comes first: a long source
        // label must not push it out of the line.
        if let notice = s.notice { left.append(StyledText(" \(notice) ", theme.style(.warn))) }
        left += [
            StyledText(" \(s.sourceLabel) ", theme.style(.axisLabel)),
            StyledText(" \(s.runs) runs (\(s.running) running)", theme.style(.mainForeground)),
        ]
        if let target = s.targetFlops {
            left.append(StyledText("  target \(LogAxis.exponentLabel(target)) FLOPs", theme.style(.target)))
        }
        var right: [StyledText] = [
            StyledText(DashboardSummary.age(s.secondsSinceUpdate), theme.style(.muted)),
            StyledText("  bad lines \(s.badLines)", s.badLines > 0 ? theme.style(.warn) : theme.style(.muted)),
        ]
        // Narrow screens keep the alarms (freshness, bad lines) and drop the rest.
        if rect.width >= 100 {
            right.append(StyledText("  files \(s.filesWatched)", theme.style(.muted)))
            right.append(StyledText("  ? help ", theme.style(.axisLabel)))
        } else {
            right.append(StyledText(" ", theme.style(.muted)))
        }
        let rightWidth = right.reduce(0) { $0 + TerminalWidth.columns(of: $1.text) }
        // The right part wins when space is short: freshness and bad lines are the alarms.
        let leftClip = Rect(x: rect.x, y: y, width: max(0, rect.width - rightWidth - 1), height: 1)
        grid.write(left, x: rect.x, y: y, clip: leftClip)
        grid.write(right, x: max(rect.x, rect.maxX - rightWidth), y: y, clip: rect)
    }

    /// `fit  L(C) = 1.82 + 2.9e3·C^-0.152  (57 pts, refit 0.8 ms)   at 1e23: 2.41 [2.36, 2.47]   N_opt 6.1e9  D_opt 2.7e12`
    public func drawFitLine(_ s: DashboardSummary, into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0 else { return }
        var spans: [StyledText] = [StyledText(" fit  ", theme.style(.fit).bolded)]
        if let E = s.fitE, let logA = s.fitLogA, let alpha = s.fitAlpha {
            let a = DashboardSummary.prefactor(logA: logA)
            let law = s.isPurePowerLaw
                ? "L(C) = \(a)·C^-\(NumberText.fixed(alpha, digits: 3))"
                : "L(C) = \(NumberText.fixed(E, digits: 2)) + \(a)·C^-\(NumberText.fixed(alpha, digits: 3))"
            spans.append(StyledText(law, theme.style(.fit)))
            var detail = "  (\(s.fitPoints) pts"
            if s.isPurePowerLaw { detail += ", E not identifiable" }
            if let ms = s.refitMilliseconds { detail += ", refit \(NumberText.short(ms)) ms" }
            // The fit's bookkeeping goes first when the line is short: the numbers at the target matter more.
            if rect.width >= 110 { spans.append(StyledText(detail + ")", theme.style(.muted))) }
        } else {
            spans.append(StyledText("waiting for enough envelope points past warm-up", theme.style(.muted)))
        }
        if let target = s.targetFlops {
            spans.append(StyledText("   at \(LogAxis.exponentLabel(target)): ", theme.style(.axisLabel)))
            if let loss = s.lossAtTarget {
                spans.append(StyledText(NumberText.fixed(loss, digits: 2), theme.style(.target)))
                if let band = s.band {
                    spans.append(StyledText(" [\(NumberText.fixed(band.lowerBound, digits: 2)), \(NumberText.fixed(band.upperBound, digits: 2))]", theme.style(.axisLabel)))
                }
            } else {
                spans.append(StyledText("–", theme.style(.muted)))
            }
            if let n = s.optimalParams, let d = s.optimalTokens {
                spans.append(StyledText("   N_opt \(NumberText.short(n))  D_opt \(NumberText.short(d))", theme.style(.axisLabel)))
            }
        }
        grid.write(spans, x: rect.x + 1, y: rect.y, clip: rect)
    }

    /// The key hints, or the filter being typed.
    public func drawKeyBar(_ state: DashboardState, into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0 else { return }
        if state.isEditingFilter {
            let literal = RunFilter(state.filter).isLiteral ? "  (not a valid regex: matching as text)" : ""
            grid.write([
                StyledText(" / ", theme.style(.title)),
                StyledText(state.filter, theme.style(.mainForeground)),
                StyledText(String(glyphs.cursor), theme.style(.title)),
                StyledText(literal, theme.style(.warn)),
                StyledText("   Enter keep  Esc clear  ↑↓ select", theme.style(.muted)),
            ], x: rect.x, y: rect.y, clip: rect)
            return
        }
        var spans: [StyledText] = []
        for binding in KeyBinding.all {
            guard let hint = binding.hint else { continue }
            let parts = hint.split(separator: " ", maxSplits: 1).map(String.init)
            spans.append(StyledText("  " + parts[0], theme.style(.title)))
            if parts.count > 1 { spans.append(StyledText(" " + parts[1], theme.style(.muted))) }
        }
        grid.write(spans, x: rect.x, y: rect.y, clip: rect)
    }
}
