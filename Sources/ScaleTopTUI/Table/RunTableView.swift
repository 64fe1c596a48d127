/// Draws the run table: a frame with the row count and filter in its title, a header line,
/// and one line per run with its colour bullet, numbers and status in the theme's roles.
public struct RunTableView: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public struct Options: Sendable, Equatable {
        public var selectedRun: String?
        public var pinnedRuns: Set<String> = []
        /// First row shown (adjusted so that the selection stays in view).
        public var scrollOffset = 0
        public var focused = false
        /// With more rows than space: show only the selected, pinned and flagged runs rather
        /// than a window that may hide the runs in trouble (the 80×24 case).
        public var compactWhenCrowded = false
        /// The regex filter (shown in the title).
        public var filter = ""
        /// Runs before filtering.
        public var totalRuns = 0
        /// What the rows are sorted by: its column's title carries the sort mark.
        public var sortKey: RunSortKey?
        public var sortDescending = false

        public init(selectedRun: String? = nil, pinnedRuns: Set<String> = [], scrollOffset: Int = 0, focused: Bool = false, compactWhenCrowded: Bool = false, filter: String = "", totalRuns: Int = 0, sortKey: RunSortKey? = nil, sortDescending: Bool = false) {
            self.sortKey = sortKey
            self.sortDescending = sortDescending
            self.selectedRun = selectedRun
            self.pinnedRuns = pinnedRuns
            self.scrollOffset = scrollOffset
            self.focused = focused
            self.compactWhenCrowded = compactWhenCrowded
            self.filter = filter
            self.totalRuns = totalRuns
        }
    }

    public init(theme: Theme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
    }

    /// Lines a table of `rows` runs needs: frame, header, one per run.
    public static func height(forRows rows: Int) -> Int { rows + 3 }

    /// Draws `rows` (already filtered and sorted) into `rect`.
    public func draw(_ rows: [RunRow], options: Options, into grid: inout CellGrid, rect: Rect) {
        let inner = rect.inset(by: 1)
        let bodyRows = max(0, inner.height - 1)
        let (shown, note) = visibleRows(rows, bodyRows: bodyRows, options: options)
        var title = [StyledText("runs", theme.style(.title)), StyledText(" \(rows.count)", theme.style(.axisLabel))]
        if !options.filter.isEmpty {
            let literal = RunFilter(options.filter).matchesAsText ? " (as text)" : ""
            title.append(StyledText(" of \(options.totalRuns) · /\(options.filter)/\(literal)", theme.style(.axisLabel)))
        }
        if let note { title.append(StyledText(" · \(note)", theme.style(.muted))) }
        grid.box(
            rect, glyphs: glyphs.box, style: options.focused ? theme.style(.title) : theme.style(.border),
            title: PanelTitle.spans(title, focused: options.focused, glyphs: glyphs), footer: reasonLine(rows, options: options))
        guard inner.height >= 1, inner.width >= 16 else { return }

        let markerWidth = 3
        let columns = RunTableColumn.layout(width: inner.width - markerWidth, rows: rows)
        let headerStyle = theme.style(.muted)
        for column in columns {
            var title = column.title
            if let key = options.sortKey, column.kind == RunTableColumn.Kind(sortedBy: key) {
                title.append(options.sortDescending ? glyphs.sortDescending : glyphs.sortAscending)
            }
            let sorted = options.sortKey.map { column.kind == RunTableColumn.Kind(sortedBy: $0) } ?? false
            draw(title, column: column, x: inner.x + markerWidth, y: inner.y, style: sorted ? theme.style(.axisLabel).bolded : headerStyle, grid: &grid, clip: inner)
        }
        for (line, row) in shown.enumerated() {
            let y = inner.y + 1 + line
            let selected = row.name == options.selectedRun
            let pinned = options.pinnedRuns.contains(row.name)
            var base = theme.style(.mainForeground)
            if selected { base = base.reversed }
            if selected { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: base) }
            if pinned { grid.put(glyphs.pinMark, x: inner.x, y: y, style: base.bolded) }
            var bullet = theme.runStyle(slot: row.slot)
            if selected { bullet = bullet.reversed }
            grid.put(glyphs.runBullet, x: inner.x + 1, y: y, style: bullet)
            for column in columns {
                var style = base
                switch column.kind {
                case .status: style = row.isBeingRead ? theme.style(.muted) : statusStyle(row.flaggedStatus ?? row.status)
                case .landing where row.landing.isEmpty && row.hint != nil: style = theme.style(.muted)
                case .landing: style = row.isFlagged || row.landsOffTheLine ? theme.style(.warn) : theme.style(.axisLabel)
                case .name where pinned: style = style.bolded
                default: break
                }
                if selected { style.reverse = true }
                draw(column.text(row), column: column, x: inner.x + markerWidth, y: y, style: style, grid: &grid, clip: inner)
            }
        }
        if rows.isEmpty, bodyRows > 0 {
            let message = options.filter.isEmpty ? "no runs yet" : "no run matches /\(options.filter)/ (Esc clears)"
            grid.write(message, x: inner.x + markerWidth, y: inner.y + 1, style: theme.style(.muted), clip: inner, ellipsis: glyphs.ellipsis)
        }
    }

    /// Writes a column's text inside the column (one cell of gap kept): every column starts at
    /// its own x whatever the text before it held, so wide names cannot shift the table.
    private func draw(_ text: String, column: RunTableColumn, x: Int, y: Int, style: CellStyle, grid: inout CellGrid, clip: Rect) {
        let cell = Rect(x: x + column.x, y: y, width: column.width - 1, height: 1).intersection(clip)
        guard !cell.isEmpty else { return }
        if column.rightAligned {
            grid.writeRight(text, maxX: cell.maxX, y: y, style: style, clip: cell)
        } else {
            grid.write(text, x: cell.x, y: y, style: style, clip: cell, ellipsis: glyphs.ellipsis)
        }
    }

    /// The selected run's status and the reason for it, for the frame's bottom edge: a line of
    /// its own, so that why a run is diverged or on a plateau is on screen, not only in the JSON.
    func reasonLine(_ rows: [RunRow], options: Options) -> [StyledText] {
        guard let selected = options.selectedRun, let row = rows.first(where: { $0.name == selected }),
              let reason = row.statusReason, !reason.isEmpty, !row.isBeingRead
        else { return [] }
        return [
            StyledText(row.name, theme.style(.axisLabel)),
            StyledText(" \(row.status.rawValue): ", statusStyle(row.status)),
            StyledText(reason, theme.style(.axisLabel)),
        ]
    }

    public func statusStyle(_ status: RunStatus) -> CellStyle {
        switch status {
        case .running, .finished: theme.style(.ok)
        case .plateau, .stale: theme.style(.warn)
        case .diverged: theme.style(.error)
        }
    }

    /// The hint line under the table: the selected run's hint, else the first run off the
    /// FLOPs axis (and how many more are), fitted by whole words.
    public func drawHint(_ rows: [RunRow], selectedRun: String?, into grid: inout CellGrid, rect: Rect) {
        let texts = Self.hintTexts(rows, selectedRun: selectedRun)
        guard rect.height > 0, let shortest = texts.last else { return }
        let prefix = " hint  "
        let room = rect.width - TerminalWidth.columns(of: prefix) - 1
        let whole = texts.first { TerminalWidth.columns(of: $0) <= room }
        guard let fitted = whole ?? WordFit.fit(shortest, columns: room, ellipsis: glyphs.ellipsis) else { return }
        grid.write([StyledText(prefix, theme.style(.warn).bolded), StyledText(fitted, theme.style(.axisLabel))], x: rect.x, y: rect.y, clip: rect)
    }

    /// The hint line's text, or nil when no run needs one shown.
    public static func hintText(_ rows: [RunRow], selectedRun: String?) -> String? {
        hintTexts(rows, selectedRun: selectedRun).first
    }

    /// The hint line's text in full and in short (empty when no run needs one shown).
    public static func hintTexts(_ rows: [RunRow], selectedRun: String?) -> [String] {
        let offAxis = rows.filter { $0.hint?.kind == .offFlopsAxis }
        let hint: RunHint
        let others: Int
        if let selected = rows.first(where: { $0.name == selectedRun }), let own = selected.hint {
            hint = own
            others = offAxis.filter { $0.name != selected.name }.count
        } else if let first = offAxis.first?.hint {
            hint = first
            others = offAxis.count - 1
        } else {
            return []
        }
        guard others > 0 else { return [hint.sentence, hint.shortSentence] }
        return [hint.sentence + " (\(others) more off the FLOPs axis)", hint.shortSentence + " (+\(others) more)"]
    }

    /// The rows that fit in `bodyRows` and a note on what is hidden.
    func visibleRows(_ rows: [RunRow], bodyRows: Int, options: Options) -> (rows: [RunRow], note: String?) {
        guard rows.count > bodyRows, bodyRows > 0 else { return (bodyRows > 0 ? rows : [], nil) }
        let selectedIndex = rows.firstIndex { $0.name == options.selectedRun }
        if options.compactWhenCrowded {
            // What matters most when few lines are left: the selection, then runs in trouble
            // (diverged, plateau, stale), then pinned runs, then landings off the line. Shown in
            // the table's order.
            func rank(_ row: RunRow) -> Int? {
                if row.name == options.selectedRun { return 0 }
                if [.diverged, .plateau, .stale].contains(row.status) { return 1 }
                if options.pinnedRuns.contains(row.name) { return 2 }
                if row.isFlagged { return 3 }
                return nil
            }
            let ranked = rows.enumerated().compactMap { index, row in rank(row).map { (rank: $0, index: index) } }
            if !ranked.isEmpty {
                var kept = Set(ranked.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.prefix(bodyRows).map(\.index))
                // Lines left over show the other runs, in the table's order.
                for index in rows.indices where kept.count < bodyRows { kept.insert(index) }
                let shown = rows.indices.filter(kept.contains).map { rows[$0] }
                return (shown, "\(shown.count) of \(rows.count) shown: selected and flagged first")
            }
        }
        let offset = Self.scrollOffset(requested: options.scrollOffset, selected: selectedIndex, count: rows.count, visible: bodyRows)
        let end = min(rows.count, offset + bodyRows)
        return (Array(rows[offset..<end]), "\(offset + 1)–\(end) of \(rows.count)")
    }

    /// The first row to show: as requested, moved just enough to keep the selection in view and
    /// to leave no blank lines at the end.
    public static func scrollOffset(requested: Int, selected: Int?, count: Int, visible: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        var offset = min(max(0, requested), count - visible)
        if let selected {
            if selected < offset { offset = selected }
            if selected >= offset + visible { offset = selected - visible + 1 }
        }
        return offset
    }
}

import ScaleTopCore
