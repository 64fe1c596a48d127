extension DashboardState {
    /// The state after `key`. `runs` is the run names in table order (filtered and sorted, as
    /// `DashboardContent.tableOrder(for:)` gives them), which selection moves through.
    /// q and Ctrl-C are the caller's: they end the program, not change the view.
    public func handle(_ key: Key, runs: [String]) -> DashboardState {
        var next = self
        if showHelp {
            // Help is modal: any key closes it, and only ? or Esc are consumed silently.
            next.showHelp = false
            return next
        }
        if isEditingFilter, next.editFilter(key) { return next }
        switch key {
        case .character("?"): next.showHelp = true
        case .character("/"):
            next.isEditingFilter = true
        case .escape:
            if !filter.isEmpty { next.filter = "" } else if showMultiplier { next.showMultiplier = false } else if showApproaches { next.showApproaches = false } else if showIsoFLOP { next.showIsoFLOP = false }
        case .character("j"), .down: next.moveSelection(by: 1, in: runs)
        case .character("k"), .up: next.moveSelection(by: -1, in: runs)
        case .pageDown: next.moveSelection(by: max(1, pageRows), in: runs)
        case .pageUp: next.moveSelection(by: -max(1, pageRows), in: runs)
        case .home, .character("g"): next.select(index: 0, in: runs)
        case .end, .character("G"): next.select(index: runs.count - 1, in: runs)
        case .character(" "):
            if let run = selectedRun ?? runs.first {
                next.selectedRun = run
                if pinnedRuns.contains(run) { next.pinnedRuns.remove(run) } else { next.pinnedRuns.insert(run) }
            }
        case .tab, .backTab: next.focus = focus == .plot ? .table : .plot
        case .character("s"): next.sortKey = sortKey.next
        case .character("S"): next.sortDescending.toggle()
        case .character("x"): next.xAxis = xAxis.next
        case .character("e"): next.showEnvelope.toggle()
        case .character("f"): next.showFit.toggle()
        case .character("l"): next.logX.toggle()
        case .character("i"): next.showIsoFLOP.toggle()
        case .character("a"): next.showApproaches.toggle()
        case .character("m"): next.showMultiplier.toggle()
        case .character("t"):
            let all = TablePlacement.allCases
            next.tablePlacement = all[(all.firstIndex(of: tablePlacement)! + 1) % all.count]
        case .control("l"), .control("L"): next.needsFullRedraw = true
        case .character("w"): next.exportRequested = true
        default: break
        }
        return next
    }

    /// Typing into the filter; returns false for keys that keep their usual meaning there
    /// (arrows still move the selection while typing).
    private mutating func editFilter(_ key: Key) -> Bool {
        switch key {
        case let .character(c):
            filter.append(c)
        case .backspace:
            if !filter.isEmpty { filter.removeLast() }
        case .control("u"):
            filter = ""
        case .enter, .tab:
            isEditingFilter = false
        case .escape:
            filter = ""
            isEditingFilter = false
        default:
            return false
        }
        scrollOffset = 0
        return true
    }

    private mutating func moveSelection(by delta: Int, in runs: [String]) {
        guard !runs.isEmpty else { return }
        guard let current = selectedRun, let index = runs.firstIndex(of: current) else {
            select(index: delta >= 0 ? 0 : runs.count - 1, in: runs)
            return
        }
        select(index: index + delta, in: runs)
    }

    private mutating func select(index: Int, in runs: [String]) {
        guard !runs.isEmpty else { return }
        let clamped = min(max(0, index), runs.count - 1)
        selectedRun = runs[clamped]
        scrollOffset = RunTableView.scrollOffset(requested: scrollOffset, selected: clamped, count: runs.count, visible: max(1, pageRows))
    }
}
