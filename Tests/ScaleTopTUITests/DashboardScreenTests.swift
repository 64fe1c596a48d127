import Foundation
import Testing
import ScaleTopCore
import ScaleTopTestSupport
@testable import ScaleTopTUI

@Suite struct DashboardScreenTests {
    /// The plot's frame as the dashboard lays it out at a size.
    func plotFrame(width: Int, height: Int, state: DashboardState = DashboardState()) -> (PlotFrame, PlotModel, PlotDrawOptions) {
        let content = TUIFixtures.content(xAxis: state.xAxis)
        let layout = DashboardLayout.make(width: width, height: height, placement: state.tablePlacement, tableRows: content.rows.count)
        let view = PlotView(theme: .builtInDefault, glyphs: .unicode)
        let options = PlotDrawOptions(showEnvelope: state.showEnvelope, showFit: state.showFit, logX: state.logX)
        let (xAxis, yAxis) = view.axes(content.plot, options: options)
        var scratch = CellGrid(width: width, height: height)
        let frame = PlotFrame.draw(into: &scratch, rect: layout.plot, title: [], footer: [], xAxis: xAxis, yAxis: yAxis, theme: .builtInDefault, glyphs: .unicode, focused: false)!
        return (frame, content.plot, options)
    }

    /// The whole screen of the Li et al. sweep at both sizes, as a person reads it: the header
    /// names the source and counts the runs, the plot comes next, the key bar is last, and at
    /// 120×40 each run's table row shows the last and best loss its log holds (read here with
    /// Foundation's JSON parser, not scaletop's).
    @Test func printsTheFullScreen() throws {
        let logs = SharedData.data("sweep-li2025")
        let files = try FileManager.default.contentsOfDirectory(atPath: logs.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        for (width, height) in [(120, 40), (80, 24)] {
            let rows = TUIFixtures.screen(width: width, height: height).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(rows.count == height)
            #expect(rows.allSatisfy { TerminalWidth.columns(of: $0) <= width })
            #expect(rows[0].hasPrefix(" scaletop  sweep-"), "header: \(rows[0])")
            #expect(rows[0].contains("\(files.count) runs"), "header: \(rows[0])")
            #expect(rows[1].hasPrefix("┌ loss vs compute (FLOPs)"), "plot title: \(rows[1])")
            #expect(rows[height - 1].hasPrefix("  q quit  ? help"), "key bar: \(rows[height - 1])")
        }
        let rows = TUIFixtures.screen(width: 120, height: 40).text.split(separator: "\n").map(String.init)
        var shown = 0
        for file in files {
            let name = String(file.dropLast(".jsonl".count))
            guard let row = rows.first(where: { $0.hasPrefix("│ ● \(name) ") }) else { continue }
            let text = try String(contentsOf: logs.appendingPathComponent(file), encoding: .utf8)
            let losses = text.split(separator: "\n").compactMap { line -> Double? in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["loss"] as? Double
            }
            let last = String(format: "%.3f", try #require(losses.last))
            let best = String(format: "%.3f", try #require(losses.min()))
            let cells = row.split(separator: " ").map(String.init)
            #expect(cells.contains(last) && cells.contains(best), "\(name): last \(last), best \(best) in \(row)")
            shown += 1
        }
        // The table has room for ten runs at 120×40; the eleventh is scrolled to.
        #expect(shown == 10)
    }

    @Test func screensHaveNoControlCharactersAndHoldBrailleAndTicks() {
        for (w, h) in [(120, 40), (80, 24)] {
            let grid = TUIFixtures.screen(width: w, height: h)
            #expect(TUIFixtures.hasNoControlCharacters(grid))
            #expect(grid.cells.contains { (0x2801...0x28FF).contains($0.character.unicodeScalars.first!.value) }, "braille at \(w)×\(h)")
            #expect(grid.text.contains("1e20"), "FLOPs tick labels at \(w)×\(h)")
            #expect(grid.text.contains("envelope"))
            #expect(grid.text.contains("at 1e22: "))
            #expect(grid.text.split(separator: "\n", omittingEmptySubsequences: false).count == h)
        }
    }

    @Test func plotKeepsAtLeastSixtyPercentOfRowsAt80x24() {
        let layout = DashboardLayout.make(width: 80, height: 24, placement: .bottom, tableRows: 11)
        #expect(layout.plot.height * 10 >= 24 * 6)
        #expect(layout.table != nil)
        let grid = TUIFixtures.screen(width: 80, height: 24)
        #expect(grid.text.contains("runs"))
    }

    @Test func envelopeLiesBelowEveryRunColumnWise() {
        let (frame, model, options) = plotFrame(width: 120, height: 40)
        let view = PlotView(theme: .builtInDefault, glyphs: .unicode)
        var envelope = BrailleCanvas(columns: frame.canvas.width, rows: frame.canvas.height)
        view.drawLayers(model, options: options, frame: frame, into: &envelope, layers: [.envelope])
        func lowestDot(_ canvas: BrailleCanvas, column x: Int) -> Int? {
            (0..<canvas.pixelHeight).last { canvas.isSet(x: x, y: $0) }
        }
        var compared = 0
        for series in model.series {
            var run = BrailleCanvas(columns: frame.canvas.width, rows: frame.canvas.height)
            run.polyline(series.points.map { frame.pixel(x: $0.x, loss: $0.loss) }, style: CellStyle(), priority: 0)
            for x in 0..<run.pixelWidth {
                guard let r = lowestDot(run, column: x), let e = lowestDot(envelope, column: x) else { continue }
                compared += 1
                // y grows downwards: the envelope's dot is at or below the run's (one pixel of
                // rounding allowed where lines cross within a column).
                #expect(e >= r - 1, "column \(x): envelope at \(e), \(series.name) at \(r)")
            }
        }
        #expect(compared > 100)
    }

    @Test func targetMarkerSitsAtTheTargetColumnAndPredictedLoss() throws {
        let (frame, model, _) = plotFrame(width: 120, height: 40)
        let target = try #require(model.target)
        let loss = try #require(target.predictedLoss)
        let grid = TUIFixtures.screen(width: 120, height: 40)
        let column = frame.column(ofX: target.x)
        let row = frame.row(ofLoss: loss)
        #expect(grid[column, row].character == "◆", "\(grid.rowText(row))")
        #expect(grid.rowText(row).contains(NumberText.fixed(loss, digits: 2)))
        // The target's x lies at the right of the data: 1e22 beyond the largest run's compute.
        #expect(column > frame.canvas.x + frame.canvas.width / 2)
    }

    @Test func tickLabelsArePresentAndInOrder() {
        let (frame, _, _) = plotFrame(width: 120, height: 40)
        let grid = TUIFixtures.screen(width: 120, height: 40)
        let labelRow = grid.rowText(frame.canvas.maxY + 1)
        let exponents = labelRow.split(separator: " ").compactMap { word -> Int? in
            guard word.hasPrefix("1e") else { return nil }
            return Int(word.dropFirst(2))
        }
        #expect(exponents.count >= 3, "\(labelRow)")
        #expect(exponents == exponents.sorted() && Set(exponents).count == exponents.count)
        #expect(exponents.contains(22))
        var losses: [Double] = []
        for y in frame.canvas.y..<frame.canvas.maxY {
            let gutter = (1..<frame.canvas.x - 2).map { String(grid[$0, y].character) }.joined()
            if let value = Double(gutter.trimmingCharacters(in: .whitespaces)) { losses.append(value) }
        }
        #expect(losses.count >= 4, "loss labels \(losses)")
        #expect(losses == losses.sorted(by: >), "loss labels decrease downwards: \(losses)")
    }

    @Test func hostileRunNameRendersSanitizedOnTheWholeScreen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = ["{\"run\": \"\\u001b[2J evil\\u0007\", \"params\": 1e7}"]
        for step in 1...20 { lines.append("{\"step\": \(step * 100), \"tokens\": \(step * 100_000), \"loss\": \(6.0 / Double(step).squareRoot())}") }
        try lines.joined(separator: "\n").appending("\n").write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        let reader = try SweepFixture.readOnce([dir.path])
        var analyzer = SweepAnalyzer()
        let analysis = analyzer.analyze(reader.sweep)
        let state = DashboardState().handle(.character("j"), runs: reader.sweep.runs.map { TextSanitizer.clean($0.name) })
        let grid = DashboardView().render(sweep: reader.sweep, analysis: analysis, context: DashboardContext(sourceLabel: "x\u{1B}]0;title\u{7}"), state: state, width: 100, height: 30)
        #expect(TUIFixtures.hasNoControlCharacters(grid))
        #expect(grid.text.contains("\u{FFFD}[2J evil\u{FFFD}"))
    }

    @Test func emptyAndTinyScreens() {
        let empty = DashboardView().render(sweep: Sweep(), analysis: SweepAnalysis(), context: DashboardContext(sourceLabel: "runs/"), state: DashboardState(), width: 80, height: 24)
        #expect(empty.text.contains("waiting for runs"))
        #expect(empty.text.contains("no runs yet"))
        let tiny = TUIFixtures.screen(width: 30, height: 8)
        #expect(tiny.text.contains("too small"))
    }

    @Test func helpOverlayAndIsoFLOPAndAxisModes() {
        var state = DashboardState()
        state.showHelp = true
        let help = TUIFixtures.screen(width: 80, height: 24, state: state)
        #expect(help.text.contains("any key closes"))
        state = DashboardState()
        state.showIsoFLOP = true
        let iso = TUIFixtures.screen(width: 120, height: 40, state: state)
        #expect(iso.text.contains("IsoFLOP"))
        state = DashboardState()
        state.xAxis = .tokens
        #expect(TUIFixtures.screen(width: 120, height: 40, state: state).text.contains("loss vs tokens"))
        state.xAxis = .steps
        state.logX = false
        let steps = TUIFixtures.screen(width: 120, height: 40, state: state)
        #expect(steps.text.contains("linear x"))
        state.tablePlacement = .side
        #expect(TUIFixtures.hasNoControlCharacters(TUIFixtures.screen(width: 120, height: 40, state: state)))
    }

    @Test func asciiFallbackStillShowsCurvesAndTicks() {
        let grid = TUIFixtures.screen(width: 120, height: 40, glyphs: .ascii)
        #expect(grid.cells.allSatisfy { $0.character.isASCII }, "\(grid.text)")
        #expect(grid.cells.filter { "/\\-_'|".contains($0.character) }.count > 100)
        #expect(grid.text.contains("1e20"))
    }

    @Test func selectionAndDiffBetweenFrames() {
        let before = TUIFixtures.screen(width: 120, height: 40)
        let content = TUIFixtures.content()
        let state = content.handle(.character("j"), state: DashboardState())
        #expect(state.selectedRun == content.tableOrder(for: DashboardState()).first?.name)
        let after = DashboardView().render(content, state: state, width: 120, height: 40)
        let runs = after.diff(from: before)
        #expect(!runs.isEmpty)
        var replay = before
        replay.apply(runs)
        #expect(replay == after)
    }
}
