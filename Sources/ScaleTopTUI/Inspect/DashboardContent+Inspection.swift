import Foundation

extension DashboardState {
    /// The readout line under the plot is shown: the plot has the focus and a cursor.
    public var showsReadout: Bool { !showIsoFLOP && focus == .plot && cursor != nil }
}

extension PlotDrawOptions {
    /// The options the dashboard draws the plot with under `state`; `matching` is the table's
    /// filtered rows, which the plot shows in colour when a filter is set.
    public init(state: DashboardState, matching: [RunRow], totalRuns: Int) {
        self.init(
            showEnvelope: state.showEnvelope, showFit: state.showFit, logX: state.logX,
            selectedRun: state.selectedRun, pinnedRuns: state.pinnedRuns, focused: state.focus == .plot)
        if !state.filter.isEmpty {
            filter = state.filter
            matchingRuns = Set(matching.map(\.name))
            self.totalRuns = totalRuns
        }
        cursor = state.focus == .plot ? state.cursor : nil
        zoom = state.zoom
        smoothing = state.smoothing
        if state.dragEnd != nil { dragFrom = state.dragStart; dragTo = state.dragEnd }
    }
}

extension DashboardContent {
    /// The zoom factor of one `+` or `-` (and of one wheel notch, `wheelFactor`).
    static let keyZoomFactor = 2.0
    static let wheelFactor = 1.25

    /// Where the plot and its axes are under `state` at its screen size (nil: not shown, or too
    /// small). What the cursor's steps and the mouse's positions are measured against.
    func plotFrame(for state: DashboardState) -> PlotFrame? {
        guard !state.showIsoFLOP, !plot.isEmpty else { return nil }
        let ordered = tableOrder(for: state)
        let layout = layout(for: state, tableRows: ordered.count)
        guard !layout.isTooSmall else { return nil }
        let options = PlotDrawOptions(state: state, matching: ordered, totalRuns: rows.count)
        return PlotView(theme: .builtInDefault, glyphs: .unicode).frame(plot, options: options, rect: layout.plot)
    }

    /// The screen's layout under `state`, as `DashboardView.render` makes it.
    func layout(for state: DashboardState, tableRows: Int) -> DashboardLayout {
        DashboardLayout.make(
            width: state.screenWidth, height: state.screenHeight, placement: state.tablePlacement, tableRows: tableRows,
            hintLine: RunTableView.hintText(rows, selectedRun: state.selectedRun) != nil, readoutLine: state.showsReadout,
            comparisonLine: !summary.comparisons.isEmpty)
    }

    /// The run on the table's line at `cell`, as the table draws its lines under `state`.
    func tableRun(at cell: CellPosition, state: DashboardState) -> String? {
        let ordered = tableOrder(for: state)
        guard let table = layout(for: state, tableRows: ordered.count).table else { return nil }
        let inner = table.inset(by: 1)
        let line = cell.y - inner.y - 1
        guard inner.contains(x: cell.x, y: cell.y), line >= 0 else { return nil }
        let options = RunTableView.Options(
            selectedRun: state.selectedRun, pinnedRuns: state.pinnedRuns, scrollOffset: state.scrollOffset,
            focused: state.focus == .table, compactWhenCrowded: state.screenHeight < 30,
            filter: state.filter, totalRuns: rows.count, sortKey: state.sortKey, sortDescending: state.sortDescending)
        let shown = RunTableView(theme: .builtInDefault, glyphs: .unicode).visibleRows(ordered, bodyRows: max(0, inner.height - 1), options: options).rows
        return line < shown.count ? shown[line].name : nil
    }

    /// The runs the cursor may visit: those the filter keeps (nil: every run).
    private func allowedRuns(_ state: DashboardState) -> Set<String>? {
        state.filter.isEmpty ? nil : Set(tableOrder(for: state).map(\.name))
    }

    /// `state` after a key or mouse event of the inspection tools: the cursor, zoom, smoothing
    /// and the detail pane. Nil for an event they leave to the usual handling.
    func handleInspection(_ key: Key, state: DashboardState) -> DashboardState? {
        if state.showHelp || state.isEditingFilter {
            return nil
        }
        var next = state
        if case let .mouse(event) = key { return handleMouse(event, state: state) }
        switch key {
        case .enter:
            guard let run = (state.focus == .plot ? state.cursor?.run : nil) ?? state.selectedRun ?? tableOrder(for: state).first?.name else { return state }
            next.detailRun = state.detailRun == run ? nil : run
            next.selectedRun = run
            return next
        case .escape where state.detailRun != nil:
            next.detailRun = nil
            return next
        case .character("o"):
            next.smoothing = state.smoothing.next
            return next
        case .character("L"):
            next.logX.toggle()
            return next
        case .character("0"):
            next.zoom = nil
            return next
        case .character("+"), .character("="), .character("-"), .character("_"):
            let zoomIn = key == .character("+") || key == .character("=")
            return zoomedX(state, around: cursorX(state), by: zoomIn ? Self.keyZoomFactor : 1 / Self.keyZoomFactor)
        case .tab, .backTab:
            // Into the plot: the cursor starts on the selected run's latest point.
            next.focus = state.focus == .plot ? .table : .plot
            if next.focus == .plot {
                if state.cursor.flatMap({ plot.locate($0) }) == nil {
                    next.cursor = plot.cursor(startingAt: state.selectedRun, allowed: allowedRuns(state))
                }
                if let run = next.cursor?.run { next.selectedRun = run }
            }
            return next
        default:
            break
        }
        guard state.focus == .plot, !state.showIsoFLOP else { return nil }
        let direction: (along: Int, across: Int)
        switch key {
        case .left, .character("h"): direction = (-1, 0)
        case .right, .character("l"): direction = (1, 0)
        case .up, .character("k"): direction = (0, -1)
        case .down, .character("j"): direction = (0, 1)
        default: return nil
        }
        guard let cursor = state.cursor.flatMap({ plot.locate($0) != nil ? $0 : nil })
            ?? plot.cursor(startingAt: state.selectedRun, allowed: allowedRuns(state))
        else { return state }
        if direction.along != 0 {
            guard let frame = plotFrame(for: state) else { return state }
            // One step is one cell: two braille pixels.
            next.cursor = plot.cursor(cursor, movedAlong: direction.along, pixels: 2, axis: frame.xAxis, width: frame.pixelWidth)
        } else {
            next.cursor = plot.cursor(cursor, movedAcross: direction.across, allowed: allowedRuns(state))
        }
        next.selectedRun = next.cursor?.run
        if next.detailRun != nil { next.detailRun = next.selectedRun }
        return next
    }

    /// `state` with the cursor moved onto the selected run (its point nearest the cursor's x, or
    /// its latest), after the selection moved by a table key while the plot has the focus.
    func cursorFollowingSelection(_ state: DashboardState) -> DashboardState {
        var next = state
        guard let run = state.selectedRun, state.cursor?.run != run,
              let series = plot.series.first(where: { $0.name == run }), !series.points.isEmpty else { return next }
        let k = state.cursor.flatMap { series.nearestIndex(toX: $0.x) } ?? series.points.count - 1
        next.cursor = PlotCursor(run: run, x: series.points[k].x)
        return next
    }

    /// The cursor's x when it is in view; else nil (zooms go around the middle).
    private func cursorX(_ state: DashboardState) -> Double? {
        guard state.focus == .plot, let cursor = state.cursor, plot.locate(cursor) != nil else { return nil }
        return cursor.x
    }

    /// `state` with the x axis zoomed by `factor` around `center` (nil: the middle of the
    /// view). Zooming out past everything there is goes back to the whole plot.
    func zoomedX(_ state: DashboardState, around center: Double?, by factor: Double) -> DashboardState {
        guard let frame = plotFrame(for: state) else { return state }
        var next = state
        let middle = center ?? frame.xAxis.value(atFraction: 0.5)
        let range = PlotZoom.scaled(frame.xAxis, around: middle, by: factor)
        var whole = state
        whole.zoom = nil
        if factor < 1, let full = plotFrame(for: whole)?.xAxis, range.lowerBound <= full.lower, range.upperBound >= full.upper {
            next.zoom = state.zoom?.y == nil ? nil : PlotZoom(x: nil, y: state.zoom?.y)
            return next
        }
        next.zoom = PlotZoom(x: range, y: state.zoom?.y)
        return next
    }

    /// `state` with the y (loss) axis zoomed by `factor` around `center`.
    func zoomedY(_ state: DashboardState, around center: Double, by factor: Double) -> DashboardState {
        guard let frame = plotFrame(for: state) else { return state }
        var next = state
        next.zoom = PlotZoom(x: state.zoom?.x ?? frame.xAxis.lower...frame.xAxis.upper, y: PlotZoom.scaled(frame.yAxis, around: center, by: factor))
        return next
    }

    /// Clicks, wheel and drags: a click on a table line selects its run; on the plot it puts
    /// the cursor on the nearest point (and the focus on the plot); the wheel zooms x around the pointer, y with Shift, Alt or Ctrl;
    /// a drag zooms to its box; the right button resets the zoom.
    func handleMouse(_ event: MouseEvent, state: DashboardState) -> DashboardState {
        var next = state
        let position = event.position
        // A drag's end reaches wherever the pointer went, even off the plot.
        if event.action == .release, event.button != .right, let start = state.dragStart {
            next.dragStart = nil
            next.dragEnd = nil
            guard let frame = plotFrame(for: state),
                  abs(position.x - start.x) >= 2 || abs(position.y - start.y) >= 2
            else { return next }
            let (x0, l0) = frame.value(atCell: start), (x1, l1) = frame.value(atCell: position)
            guard let xs = PlotZoom.between(x0, x1, on: frame.xAxis) else { return next }
            next.zoom = PlotZoom(x: xs, y: PlotZoom.between(l0, l1, on: frame.yAxis))
            return next
        }
        if event.action == .drag, state.dragStart != nil {
            next.dragEnd = position
            return next
        }
        if event.button == .left, event.action == .press, let run = tableRun(at: position, state: state) {
            // A click on a table line selects its run.
            next.focus = .table
            next.selectedRun = run
            if next.detailRun != nil { next.detailRun = run }
            return next
        }
        guard let frame = plotFrame(for: state), frame.canvas.contains(x: position.x, y: position.y) else { return state }
        let (x, loss) = frame.value(atCell: position)
        switch (event.button, event.action) {
        case (.wheelUp, _), (.wheelDown, _):
            let factor = event.button == .wheelUp ? Self.wheelFactor : 1 / Self.wheelFactor
            if event.shift || event.alt || event.control { return zoomedY(state, around: loss, by: factor) }
            return zoomedX(state, around: x, by: factor)
        case (.right, .press):
            next.zoom = nil
            return next
        case (.left, .press):
            next.focus = .plot
            next.dragStart = position
            next.dragEnd = nil
            if let cursor = nearestPoint(to: position, frame: frame, allowed: allowedRuns(state)) {
                next.cursor = cursor
                next.selectedRun = cursor.run
                if next.detailRun != nil { next.detailRun = cursor.run }
            }
            return next
        default:
            return state
        }
    }

    /// The plotted point nearest a cell (in pixels, the x distance and the y distance weighing
    /// alike), among `allowed` runs.
    func nearestPoint(to cell: CellPosition, frame: PlotFrame, allowed: Set<String>?) -> PlotCursor? {
        let px = Double(cell.x - frame.canvas.x) * 2 + 0.5, py = Double(cell.y - frame.canvas.y) * 4 + 1.5
        var best: (cursor: PlotCursor, distance: Double)?
        for series in plot.series where allowed?.contains(series.name) ?? true {
            for k in series.points.indices {
                let p = frame.pixel(of: series, at: k)
                let d = (p.x - px) * (p.x - px) + (p.y - py) * (p.y - py)
                if best == nil || d < best!.distance { best = (PlotCursor(run: series.name, x: series.points[k].x), d) }
            }
        }
        return best?.cursor
    }
}

extension PlotFrame {
    /// The data values (x, loss) at the middle of a screen cell.
    func value(atCell cell: CellPosition) -> (x: Double, loss: Double) {
        let px = Double(cell.x - canvas.x) * 2 + 0.5, py = Double(cell.y - canvas.y) * 4 + 1.5
        let x = xAxis.value(atFraction: px / Double(max(pixelWidth - 1, 1)))
        let loss = yAxis.value(atFraction: (Double(pixelHeight - 1) - py) / Double(max(pixelHeight - 1, 1)))
        return (x, loss)
    }
}
