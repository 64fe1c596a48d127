import Foundation
import ScaleTopCore
import Testing
@testable import ScaleTopTUI

/// The live view says what it knows: the filter on the plot, the sort mark, the selected run's
/// reason, labelled landings, where the focus is, notices whole, names whole, flagged runs kept.
@Suite struct ViewExplainsItselfTests {
    static let demo = TUIFixtures.demo
    static var divergedRun: String { demo.diagnoses.first { $0.value.verdict.status == .diverged }!.key }

    static func screen(_ state: DashboardState, width: Int = 120, height: Int = 40, notice: String? = nil, glyphs: Glyphs = .unicode) -> CellGrid {
        var context = demo.context
        context.notice = notice
        let content = DashboardContent.make(sweep: demo.sweep, analysis: demo.analysis, context: context, xAxis: state.xAxis)
        return DashboardView(theme: .builtInDefault, glyphs: glyphs).render(content, state: state, width: width, height: height)
    }

    static func lines(_ grid: CellGrid) -> [String] { (0..<grid.height).map(grid.rowText) }

    @Test func theFilterAppliesToThePlotAndTheLegendSaysSo() throws {
        var state = DashboardState()
        state.filter = "N1.00B"
        let grid = Self.screen(state)
        let legend = try #require(Self.lines(grid).first { $0.hasPrefix("└ ") && $0.contains("envelope") })
        #expect(legend.contains("/N1.00B/ 1 of 8 runs, others faint"), "\(legend)")
        // Every run outside the filter is drawn in the muted role; the matching one in its own colour.
        let content = DashboardContent.make(sweep: Self.demo.sweep, analysis: Self.demo.analysis, context: Self.demo.context, xAxis: .flops)
        let view = PlotView(theme: .builtInDefault, glyphs: .unicode)
        var options = PlotDrawOptions()
        options.matchingRuns = ["sim08-N1.00B-D20.0B"]
        options.filter = "N1.00B"
        var filtered = CellGrid(width: 120, height: 30)
        view.draw(content.plot, options: options, into: &filtered, rect: filtered.bounds)
        var plain = CellGrid(width: 120, height: 30)
        view.draw(content.plot, options: PlotDrawOptions(), into: &plain, rect: plain.bounds)
        let colours = { (grid: CellGrid) in Set(grid.cells.filter { (0x2801...0x28FF).contains($0.character.unicodeScalars.first!.value) }.compactMap(\.style.foreground)) }
        let kept = Theme.builtInDefault.runStyle(slot: 7).foreground
        let hidden = Theme.builtInDefault.runStyle(slot: 0).foreground
        #expect(colours(plain).contains(hidden!))
        #expect(!colours(filtered).contains(hidden!), "a run outside the filter keeps its colour")
        #expect(colours(filtered).contains(kept!))
        #expect(colours(filtered).contains(Theme.builtInDefault.color(.muted)!))
    }

    @Test func theSortedColumnCarriesTheMark() {
        var state = DashboardState()
        state.sortKey = .loss
        let header = Self.lines(Self.screen(state)).first { $0.contains(" run ") && $0.contains("status") }!
        #expect(header.contains("loss▲"), "\(header)")
        state.sortDescending = true
        state.sortKey = .progress
        let descending = Self.lines(Self.screen(state)).first { $0.contains(" run ") && $0.contains("status") }!
        #expect(descending.contains("tokens▼") && !descending.contains("loss▲"), "\(descending)")
        let ascii = Self.lines(Self.screen(state, glyphs: .ascii)).first { $0.contains(" run ") && $0.contains("status") }!
        #expect(ascii.contains("tokensv"), "\(ascii)")
    }

    @Test func theSelectedRunsReasonHasALineOfItsOwn() throws {
        var state = DashboardState()
        state.selectedRun = Self.divergedRun
        let reason = try #require(Self.demo.diagnoses[Self.divergedRun]?.verdict.reason)
        for (width, height) in [(120, 40), (80, 24)] {
            let lines = Self.lines(Self.screen(state, width: width, height: height))
            let line = try #require(lines.first { $0.contains("diverged: ") }, "\(width)x\(height)")
            #expect(line.hasPrefix("└ \(Self.divergedRun) diverged: \(reason)"), "\(line)")
        }
        // A run still running without a reason: no such line.
        state.selectedRun = "sim08-N1.00B-D20.0B"
        #expect(!Self.lines(Self.screen(state)).contains { $0.contains("running: ") })
    }

    @Test func landingsAreLabelledAndANaNRunHasNone() throws {
        let lines = Self.lines(Self.screen(DashboardState()))
        let running = try #require(lines.first { $0.contains("sim08-N1.00B-D20.0B") && $0.contains("running") })
        // The projection, its 10–90 % band and the line; the percentage when the column has room.
        #expect(running.contains(#/(on line|above|below) +proj \d\.\d\d \(\d\.\d\d–\d\.\d\d\) · line \d\.\d\d/#), "\(running)")
        let finished = try #require(lines.first { $0.contains("sim04-") && $0.contains("finished") })
        #expect(finished.contains(#/ended \d\.\d\d · line \d\.\d\d · [+-]\d+\.\d %/#), "\(finished)")
        let diverged = try #require(lines.first { $0.contains(Self.divergedRun) && $0.contains("NaN") })
        #expect(!diverged.contains("line ") && !diverged.contains("proj"), "\(diverged)")
    }

    @Test func theFocusedPanelIsMarked() {
        var state = DashboardState()
        let tableFocused = Self.lines(Self.screen(state))
        #expect(tableFocused.contains { $0.hasPrefix("┌ ▶ runs") })
        #expect(!tableFocused.contains { $0.hasPrefix("┌ ▶ loss") })
        state.focus = .plot
        let plotFocused = Self.lines(Self.screen(state))
        #expect(plotFocused.contains { $0.hasPrefix("┌ ▶ loss") })
        #expect(!plotFocused.contains { $0.hasPrefix("┌ ▶ runs") })
        // And in reverse video, which a terminal shows as a highlighted title.
        let grid = Self.screen(state)
        let y = (0..<grid.height).first { grid.rowText($0).hasPrefix("┌ ▶ loss") }!
        #expect(grid[2, y].style.reverse)
    }

    @Test func aNoticeHasTheKeyBarLineWhole() {
        let notice = "wrote ./scaletop-20261203-182051.svg and scaletop-20261203-182051-csv/"
        for (width, height) in [(120, 40), (80, 24)] {
            let lines = Self.lines(Self.screen(DashboardState(), width: width, height: height, notice: notice))
            #expect(lines.last?.hasPrefix(" " + notice) == true, "\(lines.last ?? "")")
            #expect(!lines[0].contains("wrote"), "the header keeps its own line")
        }
    }

    @Test func namesUseTheRoomThereIs() {
        var state = DashboardState()
        state.tablePlacement = .side
        let text = Self.screen(state).text
        for run in Self.demo.sweep.runs { #expect(text.contains(run.name), "\(run.name) is cut in the side table") }
    }

    @Test func flaggedRunsStayVisibleAt80x24() {
        var state = DashboardState()
        state.selectedRun = "sim01-N10.0M-D200M"
        let text = Self.screen(state, width: 80, height: 24).text
        #expect(text.contains("sim01-N10.0M-D200M"))
        #expect(text.contains(Self.divergedRun), "the diverged run is paged off")
        for row in DashboardContent.make(sweep: Self.demo.sweep, analysis: Self.demo.analysis, context: Self.demo.context, xAxis: .flops).rows where row.isFlagged {
            #expect(text.contains(row.name), "\(row.name) (\(row.status)) is flagged but not shown")
        }
    }
}
