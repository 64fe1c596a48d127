/// Where each part of the dashboard goes at a given size. The plot gets most of the space: at
/// least 60 % of the rows when the table is at the bottom; the table gets what it needs of the
/// rest, and the key bar, header and fit line one row each.
public struct DashboardLayout: Sendable, Equatable {
    public var header: Rect
    public var plot: Rect
    public var fitLine: Rect
    public var table: Rect?
    public var keyBar: Rect
    /// A line under the table for the hint on what a run lacks (nil: none asked for).
    public var hintLine: Rect?
    /// A line under the plot for the cursor's readout (nil: none asked for).
    public var readoutLine: Rect?
    /// A line under the fit line for a compared sweep's multipliers (nil: none asked for).
    public var comparisonLine: Rect?
    /// The terminal is too small for the dashboard: `plot` holds a message instead.
    public var isTooSmall: Bool

    public static let minimumWidth = 40
    public static let minimumHeight = 12

    /// `tableRows`: runs the table would like to show (its body lines).
    /// `hintLine`: keep a line above the key bar for a hint.
    /// `readoutLine`: take the plot's last row for the cursor's readout.
    /// `comparisonLine`: take a row from the plot for a line under the fit line.
    public static func make(width: Int, height: Int, placement: DashboardState.TablePlacement, tableRows: Int, hintLine: Bool = false, readoutLine: Bool = false, comparisonLine: Bool = false) -> DashboardLayout {
        var layout = make(width: width, height: height, placement: placement, tableRows: tableRows, hintRows: hintLine ? 1 : 0)
        if hintLine && !layout.isTooSmall {
            layout.hintLine = Rect(x: 0, y: layout.keyBar.y - 1, width: width, height: 1)
        }
        if comparisonLine && !layout.isTooSmall && layout.plot.height > 8 {
            layout.comparisonLine = layout.fitLine
            layout.fitLine.y -= 1
            layout.plot.height -= 1
            // A table beside the plot ends where the fit line now starts.
            if let table = layout.table, table.y < layout.fitLine.y, table.maxY > layout.fitLine.y {
                layout.table?.height -= 1
            }
        }
        if readoutLine && !layout.isTooSmall && layout.plot.height > 6 {
            layout.plot.height -= 1
            layout.readoutLine = Rect(x: layout.plot.x, y: layout.plot.maxY, width: layout.plot.width, height: 1)
        }
        return layout
    }

    private static func make(width: Int, height: Int, placement: DashboardState.TablePlacement, tableRows: Int, hintRows: Int) -> DashboardLayout {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            let empty = Rect(x: 0, y: 0, width: 0, height: 0)
            return DashboardLayout(header: empty, plot: screen, fitLine: empty, table: nil, keyBar: empty, isTooSmall: true)
        }
        let (header, belowHeader) = screen.splitTop(1)
        let (aboveKeys, keyBar) = belowHeader.splitBottom(1)
        let (middle, _) = aboveKeys.splitBottom(hintRows)
        switch placement {
        case .hidden:
            let (plot, fit) = middle.splitBottom(1)
            return DashboardLayout(header: header, plot: plot, fitLine: fit, table: nil, keyBar: keyBar, isTooSmall: false)
        case .side:
            let (upper, fit) = middle.splitBottom(1)
            let tableWidth = min(max(36, width * 2 / 5), 64)
            let (plot, table) = upper.splitRight(tableWidth)
            return DashboardLayout(header: header, plot: plot, fitLine: fit, table: table, keyBar: keyBar, isTooSmall: false)
        case .bottom:
            let minimumPlot = (height * 6 + 9) / 10
            let available = middle.height - 1 - minimumPlot
            let tableHeight = min(RunTableView.height(forRows: max(1, tableRows)), max(0, available))
            let (upper, table) = middle.splitBottom(tableHeight >= 4 ? tableHeight : 0)
            let (plot, fit) = upper.splitBottom(1)
            return DashboardLayout(header: header, plot: plot, fitLine: fit, table: table.isEmpty ? nil : table, keyBar: keyBar, isTooSmall: false)
        }
    }

    /// Body lines of the table (what a page is for PgUp/PgDn).
    public var tableBodyRows: Int { max(0, (table?.height ?? 0) - 3) }
}
