import Foundation
@testable import ScaleTopCore
@testable import ScaleTopTUI
import Testing

/// The diagnostics' marks on the plot: a plateau's onset on its run's curve, and the projected
/// end of a run in progress with its range, on the real Li et al. 2025 sweep.
@Suite struct PlotMarkerTests {
    let sweep = TUIFixtures.li2025.sweep
    let analysis = TUIFixtures.li2025.analysis

    func context() throws -> (DashboardContext, onsetFlops: Double, onsetLoss: Double) {
        // The onset sits on 100m's curve at its 40th point; the run counts as plateaued.
        let run = try #require(sweep.runs.first { $0.name == "100m" })
        let point = run.curve[40]
        let flops = try #require(run.flops(of: point))
        var context = TUIFixtures.context
        context.verdicts = [
            "100m": RunStatusVerdict(status: .plateau, reason: "stopped improving"),
            "200m": RunStatusVerdict(status: .running, reason: nil),
        ]
        context.onsets = ["100m": DiagnosticMark(x: flops, step: point.step, loss: point.loss)]
        context.projections = ["200m": LandingProjection(finalFlops: 2e20, projectedLoss: 2.9, projectedLow: 2.8, projectedHigh: 3.0, verdict: .on)]
        return (context, flops, point.loss)
    }

    @Test func onsetAndProjectedEndAreDrawnWhereTheyBelong() throws {
        let (context, onsetFlops, onsetLoss) = try context()
        let content = DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: .flops)
        #expect(content.plot.markers.count == 2)
        let view = PlotView(theme: .builtInDefault, glyphs: .unicode)
        let options = PlotDrawOptions(showEnvelope: true, showFit: true, logX: true)
        let (xAxis, yAxis) = view.axes(content.plot, options: options)
        let layout = DashboardLayout.make(width: 120, height: 40, placement: DashboardState().tablePlacement, tableRows: content.rows.count)
        var scratch = CellGrid(width: 120, height: 40)
        let frame = try #require(PlotFrame.draw(into: &scratch, rect: layout.plot, title: [], footer: [], xAxis: xAxis, yAxis: yAxis, theme: .builtInDefault, glyphs: .unicode, focused: false))
        let grid = DashboardView(theme: .builtInDefault, glyphs: .unicode).render(content, state: DashboardState(), width: 120, height: 40)

        let onset = grid[frame.column(ofX: onsetFlops), frame.row(ofLoss: onsetLoss)]
        #expect(onset.character == "✕", "\(grid.rowText(frame.row(ofLoss: onsetLoss)))")
        #expect(onset.style == Theme.builtInDefault.style(.warn))
        let end = grid[frame.column(ofX: 2e20), frame.row(ofLoss: 2.9)]
        #expect(end.character == "◇", "\(grid.rowText(frame.row(ofLoss: 2.9)))")
        #expect(grid.text.contains("✕ onset"))
        #expect(grid.text.contains("◇ projected"))
    }

    @Test func finishedRunsGetNoProjectionAndOtherAxesKeepTheOnset() throws {
        var (context, _, onsetLoss) = try context()
        context.verdicts["200m"] = RunStatusVerdict(status: .finished, reason: "reached its planned steps")
        let flops = DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: .flops)
        #expect(flops.plot.markers.map(\.name) == ["100m"])
        // On the steps axis the onset moves to the step of the point it marks.
        let steps = DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: .steps)
        let run = try #require(sweep.runs.first { $0.name == "100m" })
        #expect(steps.plot.markers.map(\.point) == [PlotPoint(x: run.curve[40].step, loss: onsetLoss)])
        // ASCII terminals get ASCII marks.
        let ascii = DashboardView(theme: .builtInDefault, glyphs: .ascii).render(flops, state: DashboardState(), width: 120, height: 40)
        #expect(ascii.text.contains("x onset"))
    }
}

/// A run that went through a plateau or a divergence keeps its ✕ and says so in the table, after
/// it finished.
@Suite struct EpisodeMarkTests {
    @Test func aFinishedRunThatPlateauedKeepsItsMarkAndItsEpisodeInTheTable() throws {
        let loaded = TUIFixtures.simulated(fraction: 1)
        let content = DashboardContent.make(sweep: loaded.sweep, analysis: loaded.analysis, context: loaded.context, xAxis: .flops)
        let plateaued = try #require(content.rows.first { $0.name.hasPrefix("sim02") })
        #expect(plateaued.status == .finished)
        #expect(plateaued.flaggedStatus == .plateau)
        #expect(plateaued.statusText().hasPrefix("finished · plateau "))
        // Flagged in colour and on the plot, but not kept on a crowded screen ahead of runs in
        // trouble now.
        #expect(!plateaued.isFlagged)
        #expect(content.plot.markers.contains { $0.name == plateaued.name && $0.kind == .onset(.plateau) })
        // On screen: as fully as the room allows, never cut.
        for (width, height, detail) in [(180, 40, RunRow.StatusDetail.steps), (140, 40, .kind), (120, 40, .mark), (80, 24, .mark)] {
            let grid = DashboardView(theme: .builtInDefault, glyphs: .unicode).render(content, state: DashboardState(), width: width, height: height)
            let row = grid.text.split(separator: "\n").first { $0.contains(plateaued.name) }.map(String.init) ?? ""
            #expect(row.contains(plateaued.statusText(detail) + " "), "\(width)x\(height): \(row)")
        }
    }
}
