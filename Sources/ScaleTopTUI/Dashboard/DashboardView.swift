import ScaleTopCore

/// Composes a whole screen: header, plot (or IsoFLOP view), fit line, run table, key bar and
/// the help overlay, at any size. A pure function of content, state and size.
public struct DashboardView: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs

    public init(theme: Theme = .builtInDefault, glyphs: Glyphs = .unicode) {
        self.theme = theme
        self.glyphs = glyphs
    }

    /// One frame from the sweep and analysis (builds the content; for frequent redraws keep a
    /// `DashboardContent` and call `render(_:state:width:height:)`).
    public func render(sweep: Sweep, analysis: SweepAnalysis, context: DashboardContext, state: DashboardState, width: Int, height: Int) -> CellGrid {
        render(DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: state.xAxis), state: state, width: width, height: height)
    }

    /// `frame` (rendered from `content` before) with only its header row drawn again: what an
    /// idle view needs when nothing but the "updated Ns ago" label moved. The same as a full
    /// `render` of `content` whenever only the header's summary changed.
    public func refreshHeader(_ content: DashboardContent, state: DashboardState, in frame: inout CellGrid) {
        let layout = DashboardLayout.make(
            width: frame.width, height: frame.height, placement: state.tablePlacement, tableRows: content.tableCount(for: state),
            hintLine: RunTableView.hintText(content.rows, selectedRun: state.selectedRun) != nil, comparisonLine: !content.summary.comparisons.isEmpty)
        guard !layout.isTooSmall else { return }
        let blank = Cell(" ", style: theme.style(.mainForeground))
        for x in layout.header.x..<layout.header.maxX { frame.cells[layout.header.y * frame.width + x] = blank }
        StatusLines(theme: theme, glyphs: glyphs).drawHeader(content.summary, into: &frame, rect: layout.header)
        if glyphs.asciiOnly { frame.foldToASCII() }
    }

    public func render(_ content: DashboardContent, state: DashboardState, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height, fill: Cell(" ", style: theme.style(.mainForeground)))
        let ordered = content.tableOrder(for: state)
        let hint = RunTableView.hintText(content.rows, selectedRun: state.selectedRun)
        var sized = state
        (sized.screenWidth, sized.screenHeight) = (width, height)
        let layout = content.layout(for: sized, tableRows: ordered.count)
        guard !layout.isTooSmall else {
            grid.write("terminal \(width)x\(height) is too small: scaletop needs \(DashboardLayout.minimumWidth)x\(DashboardLayout.minimumHeight)", x: 0, y: 0, style: theme.style(.warn), ellipsis: glyphs.ellipsis)
            if glyphs.asciiOnly { grid.foldToASCII() }
            return grid
        }
        let status = StatusLines(theme: theme, glyphs: glyphs)
        status.drawHeader(content.summary, into: &grid, rect: layout.header)
        if state.showMultiplier, !content.plot.multipliers.isEmpty {
            MultiplierPlotView(theme: theme, glyphs: glyphs).draw(content.plot, focused: state.focus == .plot, into: &grid, rect: layout.plot)
        } else if state.showIsoFLOP {
            IsoFLOPView(theme: theme, glyphs: glyphs).draw(content.isoflop, focused: state.focus == .plot, into: &grid, rect: layout.plot)
        } else {
            let options = PlotDrawOptions(state: state, matching: ordered, totalRuns: content.rows.count)
            PlotView(theme: theme, glyphs: glyphs).draw(content.plot, options: options, into: &grid, rect: layout.plot)
            if content.plot.isEmpty, state.xAxis == .flops, content.rows.contains(where: { $0.hint?.kind == .offFlopsAxis }) {
                // Runs with losses but no compute: say why the plot is empty, and the way out.
                let inner = layout.plot.inset(by: 1)
                let room = inner.width - 2
                let long = "no run is on the FLOPs axis yet: x plots tokens or steps, the hint below says what to add"
                let short = "no run is on the FLOPs axis yet: x plots steps; see the hint below"
                let text = [long, short].first { TerminalWidth.columns(of: $0) <= room }
                    ?? WordFit.fit(short, columns: room, ellipsis: glyphs.ellipsis) ?? ""
                grid.fill(Rect(x: inner.x, y: inner.y + inner.height / 2, width: inner.width, height: 1), style: theme.style(.mainForeground))
                PlotFrame.message(text, in: layout.plot, grid: &grid, style: theme.style(.muted))
            }
        }
        if state.showApproaches {
            ApproachesPanel(theme: theme, glyphs: glyphs).draw(content.approaches, into: &grid, area: layout.plot.inset(by: 1))
        }
        if let line = layout.readoutLine {
            CursorReadoutLine(theme: theme, glyphs: glyphs).draw(content.readout, into: &grid, rect: line)
        }
        status.drawFitLine(content.summary, into: &grid, rect: layout.fitLine)
        if let line = layout.comparisonLine { status.drawComparisonLine(content.summary, into: &grid, rect: line) }
        if let table = layout.table {
            let options = RunTableView.Options(
                selectedRun: state.selectedRun, pinnedRuns: state.pinnedRuns, scrollOffset: state.scrollOffset,
                focused: state.focus == .table, compactWhenCrowded: height < 30,
                filter: state.filter, totalRuns: content.rows.count, sortKey: state.sortKey, sortDescending: state.sortDescending)
            RunTableView(theme: theme, glyphs: glyphs).draw(ordered, options: options, into: &grid, rect: table)
        }
        if let hintLine = layout.hintLine {
            RunTableView(theme: theme, glyphs: glyphs).drawHint(content.rows, selectedRun: state.selectedRun, into: &grid, rect: hintLine)
        }
        status.drawKeyBar(state, notice: content.summary.notice, into: &grid, rect: layout.keyBar)
        if let detail = content.detail, state.detailRun != nil {
            RunDetailPane(theme: theme, glyphs: glyphs).draw(detail, into: &grid, area: Rect(x: 0, y: 1, width: width, height: height - 2))
        }
        if state.showHelp {
            HelpOverlay(theme: theme, glyphs: glyphs).draw(into: &grid, area: Rect(x: 0, y: 1, width: width, height: height - 2))
        }
        if glyphs.asciiOnly { grid.foldToASCII() }
        return grid
    }
}
