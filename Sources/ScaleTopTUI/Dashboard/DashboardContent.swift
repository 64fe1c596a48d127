import ScaleTopCore

/// What the dashboard shows, taken from the sweep and its analysis once per change of data
/// (or of x axis), so that redraws for key presses cost only drawing.
public struct DashboardContent: Sendable {
    public var plot: PlotModel
    public var isoflop: IsoFLOPPlotModel
    /// Every run, in sweep order.
    public var rows: [RunRow]
    public var summary: DashboardSummary

    public init(plot: PlotModel, isoflop: IsoFLOPPlotModel, rows: [RunRow], summary: DashboardSummary) {
        self.plot = plot
        self.isoflop = isoflop
        self.rows = rows
        self.summary = summary
    }

    /// The content of a sweep; `previous`, the content made before from the same sweep, saves
    /// recomputing what did not change (see `PlotModel.make`).
    public static func make(sweep: Sweep, analysis: SweepAnalysis, context: DashboardContext, xAxis: PlotXAxis, reusing previous: DashboardContent? = nil) -> DashboardContent {
        let rows = RunRow.rows(
            of: sweep, verdicts: context.verdicts, projections: context.projections, reading: context.readingBacklog, episodes: context.episodes)
        return DashboardContent(
            plot: PlotModel.make(sweep: sweep, analysis: analysis, options: .init(xAxis: xAxis, targetFlops: context.targetFlops), reusing: previous?.plot)
                .marked(sweep: sweep, rows: rows, onsets: context.onsets, projections: context.projections),
            isoflop: IsoFLOPPlotModel.make(analysis: analysis),
            rows: rows,
            summary: DashboardSummary.make(sweep: sweep, analysis: analysis, rows: rows, context: context))
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
        state.handle(key, runs: tableOrder(for: state).map(\.name))
    }
}
