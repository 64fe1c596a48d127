import Testing
@testable import ScaleTopTUI

@Suite struct DashboardStateTests {
    let runs = ["a", "b", "c", "d"]

    func press(_ keys: [Key], from state: DashboardState = DashboardState()) -> DashboardState {
        keys.reduce(state) { $0.handle($1, runs: runs) }
    }

    @Test func selectionMovesAndStopsAtTheEnds() {
        #expect(press([.character("j")]).selectedRun == "a")
        #expect(press([.down, .down, .character("j")]).selectedRun == "c")
        #expect(press([.down, .up, .up]).selectedRun == "a")
        #expect(press([.pageDown]).selectedRun == "a")
        #expect(press([.down, .pageDown]).selectedRun == "d")
        #expect(press([.end]).selectedRun == "d")
        #expect(press([.end, .home]).selectedRun == "a")
    }

    @Test func theApproachesPanelOpensWithAAndClosesWithAOrEscBeforeTheIsoFLOPView() {
        #expect(press([.character("a")]).showApproaches)
        #expect(!press([.character("a"), .character("a")]).showApproaches)
        let both = press([.character("i"), .character("a")])
        #expect(both.showApproaches && both.showIsoFLOP)
        let escaped = press([.escape], from: both)
        #expect(!escaped.showApproaches && escaped.showIsoFLOP)
        #expect(!press([.escape], from: escaped).showIsoFLOP)
    }

    @Test func spacePinsAndUnpins() {
        let pinned = press([.down, .down, .character(" ")])
        #expect(pinned.pinnedRuns == ["b"])
        #expect(press([.character(" ")], from: pinned).pinnedRuns.isEmpty)
    }

    @Test func togglesAndCycles() {
        let s = press([.character("e"), .character("f"), .character("l"), .character("i"), .character("x"), .character("s"), .character("S"), .character("t")])
        #expect(!s.showEnvelope && !s.showFit && !s.logX && s.showIsoFLOP)
        #expect(s.xAxis == .tokens)
        #expect(s.sortKey == .name && s.sortDescending)
        #expect(s.tablePlacement == .side)
        #expect(press([.character("x"), .character("x"), .character("x")]).xAxis == .flops)
        #expect(press([.escape], from: s).showIsoFLOP == false)
    }

    @Test func tabMovesFocus() {
        #expect(press([.tab]).focus == .plot)
        #expect(press([.tab, .tab]).focus == .table)
    }

    @Test func filterEntryTypesAndEscClears() {
        let typing = press([.character("/"), .character("w"), .character("1"), .character("2"), .backspace])
        #expect(typing.isEditingFilter)
        #expect(typing.filter == "w1")
        #expect(typing.showEnvelope, "letters go into the filter, not to toggles")
        let kept = press([.enter], from: typing)
        #expect(!kept.isEditingFilter && kept.filter == "w1")
        #expect(press([.escape], from: kept).filter == "")
        let cancelled = press([.escape], from: typing)
        #expect(!cancelled.isEditingFilter && cancelled.filter == "")
        #expect(press([.down], from: typing).selectedRun == "a", "arrows still select while typing")
    }

    @Test func helpIsModal() {
        let help = press([.character("?")])
        #expect(help.showHelp)
        let closed = press([.character("e")], from: help)
        #expect(!closed.showHelp && closed.showEnvelope)
    }

    @Test func ctrlLAsksForAFullRedraw() {
        #expect(press([.control("l")]).needsFullRedraw)
    }

    @Test func wAsksToWriteTheViewButTypesIntoTheFilter() {
        #expect(press([.character("w")]).exportRequested)
        let typing = press([.character("/"), .character("w")])
        #expect(!typing.exportRequested && typing.filter == "w")
    }

    @Test func everyBindingIsInTheHelp() {
        var grid = CellGrid(width: 120, height: 40)
        HelpOverlay(theme: .builtInDefault, glyphs: .unicode).draw(into: &grid, area: grid.bounds)
        for binding in KeyBinding.all { #expect(grid.text.contains(binding.action)) }
    }

    /// On a small terminal the help still reads whole: every key with its brief action, nothing cut.
    @Test(arguments: [(80, 24), (100, 30)])
    func theNarrowHelpCutsNoAction(width: Int, height: Int) {
        var grid = CellGrid(width: width, height: height)
        HelpOverlay(theme: .builtInDefault, glyphs: .unicode).draw(into: &grid, area: grid.bounds)
        #expect(!grid.text.contains("…"))
        for binding in KeyBinding.all {
            #expect(grid.text.contains(binding.keys))
            #expect(grid.text.contains(binding.action) || grid.text.contains(binding.brief ?? binding.action), "\(binding.keys)")
            #expect(TerminalWidth.columns(of: binding.brief ?? "") <= 22)
        }
    }
}

@Suite struct AgeLabelTests {
    @Test func theLabelChangesEverySecondThenMinuteThenHour() {
        #expect(abs(DashboardSummary.secondsUntilAgeChanges(3.25) - 0.75) < 1e-9)
        #expect(abs(DashboardSummary.secondsUntilAgeChanges(59.5) - 0.5) < 1e-9)
        #expect(abs(DashboardSummary.secondsUntilAgeChanges(61) - 59) < 1e-9)
        #expect(abs(DashboardSummary.secondsUntilAgeChanges(3600) - 3600) < 1e-9)
        // At each predicted moment the label really reads differently, and not before.
        for start in [0.4, 12.0, 59.9, 75.0, 3599.0, 7300.0] {
            let wait = DashboardSummary.secondsUntilAgeChanges(start)
            #expect(DashboardSummary.age(start) == DashboardSummary.age(start + wait - 0.01))
            #expect(DashboardSummary.age(start) != DashboardSummary.age(start + wait + 0.01))
        }
    }
}

@Suite struct HeaderRefreshTests {
    /// An idle view redraws only the header when the age label moves: the result must equal a
    /// full render of the same content, at both sizes and in ASCII too.
    @Test(arguments: [(120, 40), (80, 24)]) func refreshingTheHeaderEqualsAFullRender(size: (Int, Int)) {
        for glyphs in [Glyphs.unicode, Glyphs.ascii] {
            let view = DashboardView(theme: .builtInDefault, glyphs: glyphs)
            var content = TUIFixtures.content()
            let state = DashboardState()
            var frame = view.render(content, state: state, width: size.0, height: size.1)
            for seconds in [3.0, 59.0, 61.0, 7200.0] {
                content.summary.secondsSinceUpdate = seconds
                view.refreshHeader(content, state: state, in: &frame)
                let full = view.render(content, state: state, width: size.0, height: size.1)
                #expect(frame.cells == full.cells, "\(seconds) s: \(frame.rowText(0)) vs \(full.rowText(0))")
                #expect(frame.rowText(0).contains(DashboardSummary.age(seconds)))
            }
        }
    }
}
