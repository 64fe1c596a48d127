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
        var right: [StyledText] = [
            StyledText("  " + DashboardSummary.age(s.secondsSinceUpdate), theme.style(.muted)),
        ]
        // A remote host that is down is an alarm too.
        if let problem = s.hostProblem { right.insert(StyledText("  " + problem, theme.style(.warn)), at: 0) }
        right += [
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
        let leftWidth = max(0, rect.width - rightWidth)
        grid.write(headerLeft(s, width: leftWidth), x: rect.x, y: y, clip: Rect(x: rect.x, y: y, width: leftWidth, height: 1))
        grid.write(right, x: max(rect.x, rect.maxX - rightWidth), y: y, clip: rect)
    }

    /// The header's left part in at most `width` columns. What gives way, in order: the word
    /// "FLOPs", the middle of the source label (down to 8 columns), the target, the label, the
    /// running count; whole pieces go rather than being cut mid-word.
    func headerLeft(_ s: DashboardSummary, width: Int) -> [StyledText] {
        let count = "\(s.runs) \(s.runs == 1 ? "run" : "runs")"
        let runs = s.reading
            ? StyledText(" \(count), reading\(glyphs.ellipsis)", theme.style(.muted))
            : StyledText(" \(count) (\(s.running) running)", theme.style(.mainForeground))
        // Notices (an alert's failure, where `w` wrote the view) have the key bar's line.
        let fixed: [StyledText] = [StyledText(" scaletop ", theme.style(.title))]
        func columns(_ spans: [StyledText]) -> Int { spans.reduce(0) { $0 + TerminalWidth.columns(of: $1.text) } }
        let source = s.sourceLabel
        let full = s.targetFlops.map { StyledText("  target \(LogAxis.exponentLabel($0)) FLOPs", theme.style(.target)) }
        let short = s.targetFlops.map { StyledText("  target \(LogAxis.exponentLabel($0))", theme.style(.target)) }
        enum Label { case whole, cut, none }
        // In order of preference.
        let attempts: [(Label, StyledText, StyledText?)] = [
            (.whole, runs, full), (.whole, runs, short), (.cut, runs, short), (.cut, runs, nil), (.none, runs, nil),
            (.none, StyledText(" \(count)", runs.style), nil),
        ]
        for (label, runs, target) in attempts {
            let tail = [runs] + (target.map { [$0] } ?? [])
            let room = width - columns(fixed + tail) - 2
            switch label {
            case .whole where TerminalWidth.columns(of: source) <= room:
                return fixed + [StyledText(" \(source) ", theme.style(.axisLabel))] + tail
            case .cut:
                if let cut = Self.middleEllipsized(source, columns: room, ellipsis: glyphs.ellipsis) {
                    return fixed + [StyledText(" \(cut) ", theme.style(.axisLabel))] + tail
                }
            case .none where room + 2 >= 0:
                return fixed + tail
            default:
                break
            }
        }
        return fixed + [StyledText(" \(count)", runs.style)]
    }

    /// `text` cut in the middle to `columns` (the start and the end of a path say the most),
    /// or nil when that leaves fewer than 8 columns.
    static func middleEllipsized(_ text: String, columns: Int, ellipsis: Character) -> String? {
        guard columns >= 8 else { return nil }
        let characters = Array(text)
        var head = 0, tail = 0, used = 1
        // Alternate: one character from the end, one from the start.
        while true {
            let fromEnd = (head + tail) % 2 == 0
            guard head + tail < characters.count else { break }
            let next = fromEnd ? characters[characters.count - 1 - tail] : characters[head]
            let width = TerminalWidth.columns(of: next)
            if used + width > columns { break }
            used += width
            if fromEnd { tail += 1 } else { head += 1 }
        }
        return String(characters[..<head]) + String(ellipsis) + String(characters[(characters.count - tail)...])
    }

    /// `fit  L(C) = 1.82 + 2.9e3·C^-0.152  (57 pts, refit 0.8 ms)   at 1e23: 2.41 [2.36, 2.47]   N_opt 6.1e9  D_opt 2.7e12 (parametric)`
    public func drawFitLine(_ s: DashboardSummary, into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0 else { return }
        grid.write(fitSpans(s, width: rect.width - 3), x: rect.x + 2, y: rect.y, clip: rect)
    }

    /// The line under the fit line of a compared sweep: each group against the baseline.
    public func drawComparisonLine(_ s: DashboardSummary, into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0, !s.comparisons.isEmpty else { return }
        grid.write(s.comparisons.joined(separator: "  ·  "), x: rect.x + 2, y: rect.y, style: theme.style(.target),
                   clip: Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: 1), ellipsis: glyphs.ellipsis)
    }

    /// The fit line's pieces in at most `width` columns. What gives way, in order: the fit's
    /// bookkeeping (points, refit time), why the band was widened (the word stays), the source
    /// of N_opt, the word "fit", wide gaps, D_opt, N_opt; whole pieces go rather than being cut
    /// mid-number.
    public func fitSpans(_ s: DashboardSummary, width: Int) -> [StyledText] {
        var law: [StyledText] = []
        var detail: StyledText?
        if let E = s.fitE, let logA = s.fitLogA, let alpha = s.fitAlpha {
            let a = DashboardSummary.prefactor(logA: logA)
            let text = s.isPurePowerLaw
                ? "L(C) = \(a)·C^-\(NumberText.fixed(alpha, digits: 3))"
                : "L(C) = \(NumberText.fixed(E, digits: 2)) + \(a)·C^-\(NumberText.fixed(alpha, digits: 3))"
            law.append(StyledText(text, theme.style(.fit)))
            var bookkeeping = "  (\(s.fitPoints) pts"
            if s.isPurePowerLaw { bookkeeping += ", E not identifiable" }
            if let ms = s.refitMilliseconds { bookkeeping += ", refit \(NumberText.short(ms)) ms" }
            detail = StyledText(bookkeeping + ")", theme.style(.muted))
        } else {
            // Why there is no fit (the reason the report's notes give), in whole words that leave
            // the loss at the target its room.
            let waiting = "waiting for enough envelope points past warm-up"
            let why = s.runs == 0 ? waiting : s.note(on: "fit") ?? waiting
            let room = width == .max ? Int.max : width - 5 - (s.targetFlops == nil ? 0 : 16)
            law.append(StyledText(WordFit.fit(why, columns: room, ellipsis: glyphs.ellipsis) ?? "", theme.style(.muted)))
        }
        // The loss at the target with its band; the band's caveat with its reason (`why`), or
        // the word alone.
        func target(why: Bool) -> [StyledText] {
            guard let flops = s.targetFlops else { return [] }
            var spans = [StyledText("at \(LogAxis.exponentLabel(flops)): ", theme.style(.axisLabel))]
            guard let loss = s.lossAtTarget else {
                guard let withheld = s.extrapolationWithheld else { return spans + [StyledText("–", theme.style(.muted))] }
                let short = withheld.components(separatedBy: ":").first ?? withheld
                return spans + [StyledText(why ? withheld : short, theme.style(.warn))]
            }
            spans.append(StyledText(NumberText.fixed(loss, digits: 2), theme.style(.target)))
            if let band = s.band {
                spans.append(StyledText(" [\(NumberText.fixed(band.lowerBound, digits: 2)), \(NumberText.fixed(band.upperBound, digits: 2))]", theme.style(.axisLabel)))
            }
            if let caveat = s.bandCaveat {
                spans.append(StyledText(why ? " (widened: \(caveat))" : " (widened)", theme.style(.warn)))
            }
            return spans
        }
        let nOpt = s.targetFlops == nil ? nil : s.optimalParams.map { "N_opt \(NumberText.short($0))" }
        let dOpt = s.targetFlops == nil || nOpt == nil ? nil : s.optimalTokens.map { "  D_opt \(NumberText.short($0))" }
        let source = nOpt == nil ? nil : s.optimalSource.map { " (\($0))" }
        // No optimum: what it needs, in the place of N_opt when there is room.
        let need = s.targetFlops == nil || nOpt != nil || s.fitE == nil ? nil : s.optimalNeed.map { "N_opt: \($0)" }

        let attempts: [(detail: Bool, source: Bool, label: Bool, gap: String, dOpt: Bool, nOpt: Bool, why: Bool)] = [
            (true, true, true, "   ", true, true, true), (false, true, true, "   ", true, true, true),
            (false, true, true, "   ", true, true, false), (false, false, true, "   ", true, true, false),
            (false, false, false, "   ", true, true, false), (false, false, false, "  ", true, true, false),
            (false, false, false, "  ", false, true, false), (false, false, false, "  ", false, false, false),
        ]
        var last: [StyledText] = []
        for attempt in attempts {
            let label = s.fitGroup.map { "\($0) fit  " } ?? "fit  "
            var spans: [StyledText] = attempt.label ? [StyledText(label, theme.style(.fit).bolded)] : []
            spans += law
            if attempt.detail, let detail { spans.append(detail) }
            if s.targetFlops != nil {
                spans.append(StyledText(attempt.gap, theme.style(.axisLabel)))
                spans += target(why: attempt.why)
            }
            if attempt.nOpt, let nOpt {
                var text = attempt.gap + nOpt
                if attempt.dOpt, let dOpt { text += dOpt }
                if attempt.source, let source { text += source }
                spans.append(StyledText(text, theme.style(.axisLabel)))
            } else if attempt.nOpt, attempt.dOpt, let need {
                // What the optimum needs, in whole words, when at least 24 columns are left for it.
                let room = width - spans.reduce(0) { $0 + TerminalWidth.columns(of: $1.text) } - attempt.gap.count
                guard room >= 24, let fitted = WordFit.fit(need, columns: room, ellipsis: glyphs.ellipsis) else { continue }
                spans.append(StyledText(attempt.gap + fitted, theme.style(.muted)))
            }
            last = spans
            if spans.reduce(0, { $0 + TerminalWidth.columns(of: $1.text) }) <= width { return spans }
        }
        return last
    }

    /// The key hints, or the filter being typed. A notice (where `w` wrote the view, an alert
    /// that failed, why files are polled) comes first on this line, whole: the hints take the
    /// room after it, and only a notice wider than the screen loses its middle.
    public func drawKeyBar(_ state: DashboardState, notice: String? = nil, into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0 else { return }
        if state.isEditingFilter {
            let filter = RunFilter(state.filter)
            let literal = filter.isLiteral ? "  (not a valid regex: matching as text)"
                : filter.isTooCostly ? "  (regex too costly on these names: matching as text)" : ""
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
        var room = rect.width
        if let notice, !notice.isEmpty {
            let text = TerminalWidth.columns(of: notice) + 2 <= rect.width
                ? notice : Self.middleEllipsized(notice, columns: rect.width - 2, ellipsis: glyphs.ellipsis) ?? notice
            spans.append(StyledText(" \(text) ", theme.style(.warn)))
            room -= TerminalWidth.columns(of: text) + 2
        }
        let plotKeys = state.focus == .plot && !state.showIsoFLOP
        for binding in plotKeys ? KeyBinding.plotFocused : KeyBinding.all {
            guard let hint = binding.hint else { continue }
            let parts = hint.split(separator: " ", maxSplits: 1).map(String.init)
            // Only whole hints: one cut short ("a app") reads as a key that does something else.
            guard TerminalWidth.columns(of: hint) + 2 <= room else { break }
            room -= TerminalWidth.columns(of: hint) + 2
            spans.append(StyledText("  " + parts[0], theme.style(.title)))
            if parts.count > 1 { spans.append(StyledText(" " + parts[1], theme.style(.muted))) }
        }
        grid.write(spans, x: rect.x, y: rect.y, clip: rect)
    }
}
