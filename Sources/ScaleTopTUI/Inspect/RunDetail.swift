import ScaleTopCore

/// What the detail pane says about one run (Enter): its description and where each part came
/// from, its file and what reading it skipped, its status and episodes, its landing projection,
/// and how many points it has. Plain lines, made from the sweep when the pane opens or the
/// data changes; everything read from a file is sanitized.
public struct RunDetail: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var label: String
        public var value: String
        public var role: ThemeRole

        public init(_ label: String, _ value: String, role: ThemeRole = .mainForeground) {
            self.label = label
            self.value = value
            self.role = role
        }
    }

    public var run: String
    public var slot: Int
    public var lines: [Line]

    /// The detail of the run shown as `name` (sanitized, as the table shows it); nil when no
    /// run of the sweep has that name.
    public static func make(sweep: Sweep, name: String, context: DashboardContext, rows: [RunRow]) -> RunDetail? {
        guard let slot = sweep.runs.firstIndex(where: { TextSanitizer.clean($0.name) == name }) else { return nil }
        let run = sweep.runs[slot]
        let row = rows.first { $0.name == name }
        var lines: [Line] = []
        func number(_ value: Double?) -> String? { value.map(LogAxis.exponentLabel) }

        // The file(s) and what reading them found.
        let sources = run.sources.sorted().compactMap { $0 < sweep.sources.count ? sweep.sources[$0] : nil }
        lines.append(Line("file", TextSanitizer.clean(run.path) + (sources.count > 1 ? " (+\(sources.count - 1) more)" : "")))
        let read = sources.reduce(0) { $0 + $1.lines }, bad = sources.reduce(0) { $0 + $1.badLines }
        let ignored = sources.reduce(0) { $0 + $1.ignoredLines }
        var kinds: [BadLineKind: Int] = [:]
        for source in sources { kinds.merge(source.badByKind, uniquingKeysWith: +) }
        let why = kinds.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        lines.append(Line("lines", "\(read) read, \(bad) bad\(why.isEmpty ? "" : " (\(why))"), \(ignored) without a key read",
                          role: bad > 0 ? .warn : .mainForeground))

        // The description in force, and what each key came from.
        let meta = run.meta, logged = run.loggedMeta
        func origin(_ inForce: Double?, _ fromLog: Double?) -> String { inForce == fromLog ? "logged" : "sidecar or flag" }
        let keys: [(String, Double?, Double?)] = [
            ("params", meta.params, logged.params), ("tokens_per_step", meta.tokensPerStep, logged.tokensPerStep),
            ("total_tokens", meta.totalTokens, logged.totalTokens), ("total_steps", meta.totalSteps, logged.totalSteps),
            ("flops_budget", meta.flopsBudget, logged.flopsBudget),
        ]
        let known = keys.compactMap { key, value, fromLog in value.map { "\(key) \(LogAxis.exponentLabel($0)) (\(origin($0, fromLog)))" } }
        lines.append(Line("config", known.isEmpty ? "none: no params, tokens per step or planned end known" : known.joined(separator: ", "),
                          role: known.isEmpty ? .muted : .mainForeground))
        if let planned = meta.plannedFlops { lines.append(Line("planned", "\(LogAxis.exponentLabel(planned)) FLOPs")) }
        lines.append(Line("loss keys", run.lossKeys.isEmpty ? "none yet" : run.lossKeys.map(TextSanitizer.clean).joined(separator: ", ")))

        // Status and what the run went through.
        if let row {
            var status = row.isBeingRead ? "reading" : row.status.rawValue
            if let reason = row.statusReason { status += ": " + reason }
            lines.append(Line("status", status, role: row.isFlagged ? .warn : .ok))
        }
        let episodes = context.episodes[run.name] ?? []
        lines.append(Line("episodes", episodes.isEmpty ? "none" : episodes.map(\.label).joined(separator: ", ")))

        // The landing projection.
        if let projection = context.projections[run.name] {
            var text: [String] = []
            if let loss = projection.projectedLoss {
                var part = "\(NumberText.fixed(loss, digits: 3))"
                if let (low, high) = projection.projectedBand { part += " (band \(NumberText.fixed(low, digits: 3))–\(NumberText.fixed(high, digits: 3)))" }
                if let at = projection.finalFlops { part += " at \(LogAxis.exponentLabel(at))" }
                text.append(part)
            }
            if let fit = projection.predictedLoss { text.append("fit \(NumberText.fixed(fit, digits: 3))") }
            if let verdict = projection.verdict { text.append(verdict.rawValue + " the line") }
            if let progress = projection.progress { text.append("\(Int((progress * 100).rounded())) % done") }
            lines.append(Line("projection", text.isEmpty ? "none" : text.joined(separator: ", ")))
            if let note = projection.note { lines.append(Line("", TextSanitizer.clean(note), role: .muted)) }
        } else {
            lines.append(Line("projection", "none", role: .muted))
        }
        var schedule = "none declared"
        switch sweep.schedules[run.name] {
        case let .success(declared)?: schedule = "\(TextSanitizer.clean(declared.name)), \(declared.knots.count) knots"
        case let .failure(failure)?: schedule = "unreadable: " + TextSanitizer.clean(String(describing: failure))
        case nil: if let used = context.projections[run.name]?.schedule { schedule = TextSanitizer.clean(used) }
        }
        lines.append(Line("schedule", schedule))

        // Points.
        var points = "\(run.curve.count) stored, \(run.usablePoints) usable"
        if run.nonFiniteLosses > 0 { points += ", \(run.nonFiniteLosses) NaN or inf" }
        if run.nonPositiveLosses > 0 { points += ", \(run.nonPositiveLosses) not positive" }
        if run.curve.thinned > 0 { points += " (store thinned \(run.curve.thinned)×)" }
        lines.append(Line("points", points))
        if let last = run.last {
            var latest: [String] = []
            if last.step.isFinite { latest.append("step \(NumberText.short(last.step))") }
            if let flops = run.flops(of: last) { latest.append("FLOPs \(LogAxis.exponentLabel(flops))") }
            latest.append("loss \(NumberText.fixed(last.loss, digits: 3))")
            lines.append(Line("latest", latest.joined(separator: ", ")))
        }
        return RunDetail(run: name, slot: slot, lines: lines)
    }
}

/// The detail pane: a box over the plot with the run's `RunDetail` lines, Esc or Enter closes.
public struct RunDetailPane: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    public func draw(_ detail: RunDetail, into grid: inout CellGrid, area: Rect) {
        let labelWidth = detail.lines.map { TerminalWidth.columns(of: $0.label) }.max() ?? 8
        let textWidth = detail.lines.map { TerminalWidth.columns(of: $0.value) }.max() ?? 20
        let width = min(area.width, max(labelWidth + textWidth + 5, TerminalWidth.columns(of: detail.run) + 8))
        let room = width - labelWidth - 5
        // Long values wrap onto the lines after them, at word boundaries.
        var rows: [(label: String, text: String, role: ThemeRole)] = []
        for line in detail.lines {
            let wrapped = WordWrap.lines(line.value, columns: max(8, room))
            for (k, part) in wrapped.enumerated() { rows.append((k == 0 ? line.label : "", part, line.role)) }
        }
        let height = min(area.height, rows.count + 2)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        grid.fill(box, style: theme.style(.mainForeground))
        grid.box(box, glyphs: glyphs.box, style: theme.style(.title), title: [StyledText(detail.run, theme.runStyle(slot: detail.slot).bolded)],
                 footer: [StyledText("Esc closes", theme.style(.muted))])
        let inner = box.inset(by: 1)
        for (i, row) in rows.enumerated() {
            let y = inner.y + i
            guard y < inner.maxY else { break }
            grid.write(row.label, x: inner.x + 1, y: y, style: theme.style(.axisLabel), clip: inner)
            grid.write(row.text, x: inner.x + 3 + labelWidth, y: y, style: theme.style(row.role), clip: inner, ellipsis: glyphs.ellipsis)
        }
    }
}

/// Splits text into lines of at most `columns` columns at spaces; a word longer than a line
/// is cut.
enum WordWrap {
    static func lines(_ text: String, columns: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if TerminalWidth.columns(of: candidate) <= columns || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        lines.append(current)
        return lines
    }
}
