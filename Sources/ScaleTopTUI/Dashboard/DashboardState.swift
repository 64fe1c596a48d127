/// What the user has chosen on the dashboard: everything a key can change, and nothing the
/// data decides. The screen is a function of this value and the data.
public struct DashboardState: Sendable, Equatable {
    public enum Focus: Sendable, Equatable { case plot, table }
    public enum TablePlacement: Sendable, Equatable, CaseIterable { case bottom, side, hidden }

    public var focus: Focus = .table
    /// The selected run by name, so that it stays selected as rows are re-sorted or arrive.
    public var selectedRun: String?
    public var pinnedRuns: Set<String> = []
    public var sortKey: RunSortKey = .params
    public var sortDescending = false
    public var filter = ""
    /// `/` was pressed and typed characters go into the filter.
    public var isEditingFilter = false
    public var xAxis: PlotXAxis = .flops
    /// The loss key the plot draws (`y` cycles it; nil: each run's own loss series).
    public var lossKey: String?
    public var showEnvelope = true
    public var showFit = true
    public var logX = true
    public var showIsoFLOP = false
    /// The `a` panel: Chinchilla's three approaches side by side.
    public var showApproaches = false
    public var showHelp = false
    /// The `m` overlay of a compared sweep: the compute multiplier over compute.
    public var showMultiplier = false
    public var tablePlacement: TablePlacement = .bottom
    /// First table row shown; the view moves it to keep the selection in view.
    public var scrollOffset = 0
    /// Rows PgUp/PgDn move (the executable may set it to the table's body height).
    public var pageRows = 10
    /// Ctrl-L asked for a full repaint; the terminal layer clears it after repainting.
    public var needsFullRedraw = false
    /// `w` asked to write the view (SVG and CSV); the executable writes it and clears this.
    public var exportRequested = false
    /// The plot's cursor: a run and the x of one of its plotted points (shown while the plot has the focus).
    public var cursor: PlotCursor?
    /// The plot's zoom, in data values, so it holds while data grows (nil: everything in view).
    public var zoom: PlotZoom?
    /// How much the plotted losses are smoothed (the fits always read the raw points).
    public var smoothing: LossSmoothing = .off
    /// The run whose detail pane is open (Enter; Esc closes).
    public var detailRun: String?
    /// The terminal's size as last drawn: what mouse positions and cursor steps are read against.
    public var screenWidth = 120
    public var screenHeight = 40
    /// Where a left-button drag on the plot began and where it is now, in screen cells.
    public var dragStart: CellPosition?
    public var dragEnd: CellPosition?

    public init() {}
}
