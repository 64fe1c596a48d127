import ScaleTopCore

/// What the dashboard shows, taken from the sweep and its analysis once per change of data
/// (or of x axis), so that redraws for key presses cost only drawing.
public struct DashboardContent: Sendable {
    public var plot: PlotModel
    public var isoflop: IsoFLOPPlotModel
    /// Every run, in sweep order.
    public var rows: [RunRow]
    public var summary: DashboardSummary
    /// Every loss key the runs have a series of, in the order runs prefer them (`y` cycles them).
    public var lossKeys: [String] = []
    /// The `a` panel: the three approaches side by side.
    public var approaches = ApproachesTable(rows: [], target: nil, intervals: nil, dropped: 0)
    /// The line about the point under the plot's cursor (`CursorReadout.make`; nil: none).
    public var readout: CursorReadout?
    /// The open run detail pane's content (`RunDetail.make`; nil: none open).
    public var detail: RunDetail?

    public init(plot: PlotModel, isoflop: IsoFLOPPlotModel, rows: [RunRow], summary: DashboardSummary) {
        self.plot = plot
        self.isoflop = isoflop
        self.rows = rows
        self.summary = summary
    }

    /// The content of a sweep; `previous`, the content made before from the same sweep, saves
    /// recomputing what did not change (see `PlotModel.make`).
    public static func make(
        sweep: Sweep, analysis: SweepAnalysis, context: DashboardContext, xAxis: PlotXAxis, lossKey: String? = nil,
        reusing previous: DashboardContent? = nil
    ) -> DashboardContent {
        let rows = RunRow.rows(
            of: sweep, verdicts: context.verdicts, projections: context.projections, reading: context.readingBacklog, episodes: context.episodes)
        var plot = PlotModel.make(
            sweep: sweep, analysis: analysis, options: .init(xAxis: xAxis, targetFlops: context.targetFlops, lossKey: lossKey),
            reusing: previous?.plot)
        // Onsets and projected ends belong to the runs' own losses.
        if lossKey == nil { plot = plot.marked(sweep: sweep, rows: rows, onsets: context.onsets, projections: context.projections) }
        var content = DashboardContent(
            plot: plot,
            isoflop: IsoFLOPPlotModel.make(analysis: analysis, target: context.targetFlops),
            rows: rows,
            summary: DashboardSummary.make(sweep: sweep, analysis: analysis, rows: rows, context: context))
        let present = Set(sweep.runs.flatMap(\.lossKeys))
        content.lossKeys = sweep.lossKeyNames.filter(present.contains)
        content.approaches = ApproachesTable.make(analysis: analysis, target: context.targetFlops)
        return content
    }

    /// The table's rows for `state`: filtered and sorted.
    public func tableOrder(for state: DashboardState) -> [RunRow] {
        RunFilter(state.filter).apply(rows, sortedBy: state.sortKey, descending: state.sortDescending)
    }

    /// How many rows the table holds under `state`'s filter (what the layout needs), without
    /// sorting them.
    public func tableCount(for state: DashboardState) -> Int {
        RunFilter(state.filter).matchCount(rows)
    }

    /// `state` after `key`, with the selection moving through this content's table order.
    public func handle(_ key: Key, state: DashboardState) -> DashboardState {
        if let next = handleInspection(key, state: state) { return next }
        if key == .character("y"), !state.isEditingFilter {
            // Each run's own loss, then every loss key the runs have, in turn.
            var next = state
            let cycle: [String?] = [nil] + lossKeys.map { $0 }
            let at = cycle.firstIndex(of: state.lossKey) ?? 0
            next.lossKey = lossKeys.isEmpty ? nil : cycle[(at + 1) % cycle.count]
            return next
        }
        var next = state.handle(key, runs: tableOrder(for: state).map(\.name))
        // An open detail pane follows the selection, and so does the plot's cursor.
        if next.detailRun != nil, let selected = next.selectedRun { next.detailRun = selected }
        if next.focus == .plot, next.selectedRun != state.selectedRun { next = cursorFollowingSelection(next) }
        return next
    }
}
