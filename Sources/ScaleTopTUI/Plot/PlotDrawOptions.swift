/// What the plot shows beyond its data: the toggles and the selection of `DashboardState`.
public struct PlotDrawOptions: Sendable, Equatable {
    public var showEnvelope = true
    public var showFit = true
    public var logX = true
    /// The selected run's name: drawn above all other runs, in the `selected` role.
    public var selectedRun: String?
    /// Pinned runs: drawn above unpinned ones, bold.
    public var pinnedRuns: Set<String> = []
    /// The plot has the keyboard focus (its frame is highlighted).
    public var focused = false
    /// The table's `/` filter, when one is set: runs outside `matchingRuns` are drawn faint,
    /// under every other line, and the legend says so.
    public var filter = ""
    public var matchingRuns: Set<String>?
    /// Runs before filtering (for the legend's "2 of 11").
    public var totalRuns = 0
    /// The cursor to draw (nil: none).
    public var cursor: PlotCursor?
    /// The region in view (nil: all of it).
    public var zoom: PlotZoom?
    public var smoothing: LossSmoothing = .off
    /// A box being dragged for a zoom: its corners in screen cells, either order.
    public var dragFrom: CellPosition?
    public var dragTo: CellPosition?

    public init(showEnvelope: Bool = true, showFit: Bool = true, logX: Bool = true, selectedRun: String? = nil, pinnedRuns: Set<String> = [], focused: Bool = false) {
        self.showEnvelope = showEnvelope
        self.showFit = showFit
        self.logX = logX
        self.selectedRun = selectedRun
        self.pinnedRuns = pinnedRuns
        self.focused = focused
    }
}

/// Draw priorities: a cell shows the colour of its highest-priority dot, so the envelope and
/// the fit stay readable where runs cross them, and the selected run stands above the others.
enum PlotLayer: Int, CaseIterable {
    case filteredOutRun = 0
    case targetLine = 1
    case run = 10
    case pinnedRun = 20
    case selectedRun = 30
    case band = 40
    case extrapolation = 50
    case fit = 60
    case envelope = 70
}
