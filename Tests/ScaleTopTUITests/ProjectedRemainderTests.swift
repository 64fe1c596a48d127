import Foundation
@testable import ScaleTopCore
@testable import ScaleTopTUI
import Testing

/// A running run's projected remainder on the plot: dotted in its colour from its latest point to
/// the ◇ at its planned end, along the path the projection expects, with the 10–90 % band as a
/// bar at the end; and the table's landing column with the band.
@Suite struct ProjectedRemainderTests {
    let sweep = TUIFixtures.li2025.sweep
    let analysis = TUIFixtures.li2025.analysis

    /// 200m, still going at its last point, projected to 2e20 FLOPs along a path that stays
    /// level (a WSD stable phase) and then drops to 2.9.
    func content() throws -> (DashboardContent, path: [LandingPathPoint], slot: Int) {
        let slot = try #require(sweep.runs.firstIndex { $0.name == "200m" })
        let run = sweep.runs[slot]
        let tip = try #require(run.last.flatMap { run.flops(of: $0) })
        let start = try #require(run.last?.loss)
        let path = (0..<64).map { i -> LandingPathPoint in
            let share = Double(i) / 63
            let x = tip * pow(2e20 / tip, share)
            return LandingPathPoint(x: x, loss: share < 0.7 ? start : start + (2.9 - start) * (share - 0.7) / 0.3)
        }
        var projection = LandingProjection(finalFlops: 2e20, predictedLoss: 2.95, projectedLoss: 2.9, projectedLow: 2.85, projectedHigh: 2.95,
                                           projectedBandLow: 2.8, projectedBandHigh: 3.0, verdict: .on)
        projection.path = path
        projection.progress = 0.4
        var context = TUIFixtures.context
        context.verdicts = ["200m": RunStatusVerdict(status: .running, reason: nil)]
        context.projections = ["200m": projection]
        return (DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: .flops), path, slot)
    }

    @Test func theRemainderIsDottedInTheRunsColourToTheDiamond() throws {
        let (content, path, slot) = try content()
        let marker = try #require(content.plot.markers.first { $0.name == "200m" })
        #expect(marker.path.count == path.count)
        #expect(marker.kind == .projectedEnd(range: 2.8...3.0))
        let view = PlotView(theme: .builtInDefault, glyphs: .unicode)
        let options = PlotDrawOptions(showEnvelope: true, showFit: true, logX: true)
        let (xAxis, yAxis) = view.axes(content.plot, options: options)
        let layout = DashboardLayout.make(width: 120, height: 40, placement: DashboardState().tablePlacement, tableRows: content.rows.count)
        var scratch = CellGrid(width: 120, height: 40)
        let frame = try #require(PlotFrame.draw(into: &scratch, rect: layout.plot, title: [], footer: [], xAxis: xAxis, yAxis: yAxis, theme: .builtInDefault, glyphs: .unicode, focused: false))

        // The run's layer alone: its curve, the dotted remainder and the bar.
        var canvas = BrailleCanvas(columns: frame.canvas.width, rows: frame.canvas.height)
        view.drawLayers(content.plot, options: options, frame: frame, into: &canvas, layers: [.run])
        var grid = CellGrid(width: 120, height: 40)
        canvas.render(into: &grid, x: frame.canvas.x, y: frame.canvas.y, mode: .braille)
        let colour = Theme.builtInDefault.runStyle(slot: slot)
        // Dots on most of the path's cells between the run's tip and its end (dotted, so not all).
        var lit = 0, cells = 0
        for point in path.dropFirst(4).dropLast(2) {
            let cell = grid[frame.column(ofX: point.x), frame.row(ofLoss: point.loss)]
            cells += 1
            if cell.character != " ", cell.style.foreground == colour.foreground { lit += 1 }
        }
        #expect(lit * 2 > cells, "\(lit) of \(cells) path cells drawn")
        // The band's bar: cells above and below the ◇ in the same column.
        let column = frame.column(ofX: 2e20)
        for loss in [2.81, 2.99] {
            #expect(grid[column, frame.row(ofLoss: loss)].character != " ", "no bar at \(loss)")
        }
        // The whole screen: the ◇ over its bar, and nothing of the path beyond it.
        let screen = DashboardView(theme: .builtInDefault, glyphs: .unicode).render(content, state: DashboardState(), width: 120, height: 40)
        #expect(screen[column, frame.row(ofLoss: 2.9)].character == "◇")
    }

    @Test func theLandingColumnGivesTheProjectionItsBandAndTheLine() throws {
        let (content, _, _) = try content()
        let row = try #require(content.rows.first { $0.name == "200m" })
        #expect(row.landing == "on line  proj 2.90 (2.80–3.00) · line 2.95 · -1.7 %")
        // Narrower columns keep the numbers and drop the words around them first.
        let column = RunTableColumn(kind: .landing, width: 43)
        #expect(column.text(row) == "on line  proj 2.90 (2.80–3.00) · line 2.95")
        #expect(RunTableColumn(kind: .landing, width: 30).text(row) == "on line proj 2.90 · line 2.95")
        let screen = DashboardView(theme: .builtInDefault, glyphs: .unicode).render(content, state: DashboardState(), width: 120, height: 40)
        #expect(screen.text.contains("proj 2.90 (2.80–3.00) · line 2.95"))
    }
}
