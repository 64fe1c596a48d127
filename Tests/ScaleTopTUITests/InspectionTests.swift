import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// The plot's cursor and readout, zoom, smoothing, mouse and detail pane, on the published
/// Li et al. 2025 sweep (whose lines log step, tokens and FLOPs, so the readout can be checked
/// against the file itself).
@Suite struct InspectionTests {
    static let loaded = TUIFixtures.li2025

    static func content(_ state: DashboardState = DashboardState()) -> DashboardContent {
        let context = DashboardContext(sourceLabel: "runs/", targetFlops: TUIFixtures.target)
        return DashboardContent.make(sweep: loaded.sweep, analysis: loaded.analysis, context: context, xAxis: state.xAxis)
    }

    /// The state after pressing `keys` one after another from `state`.
    static func press(_ keys: [Key], from state: DashboardState = DashboardState(), in content: DashboardContent) -> DashboardState {
        keys.reduce(state) { content.handle($1, state: $0) }
    }

    @Test func tabPutsTheCursorOnTheSelectedRunsLatestPointAndArrowsMoveIt() throws {
        let content = Self.content()
        var state = DashboardState()
        state.selectedRun = "100m"
        state = Self.press([.tab], from: state, in: content)
        let cursor = try #require(state.cursor)
        let series = try #require(content.plot.series.first { $0.name == "100m" })
        #expect(cursor == PlotCursor(run: "100m", x: series.points.last!.x))
        // At the run's end, right stays; left moves to an earlier point at least a cell away.
        #expect(Self.press([.right], from: state, in: content).cursor == cursor)
        let left = try #require(Self.press([.character("h")], from: state, in: content).cursor)
        #expect(left.run == "100m" && left.x < cursor.x)
        #expect(series.points.contains { $0.x == left.x })
        // Up goes to the run whose loss is next higher at that x, and selects it.
        let up = Self.press([.character("h"), .up], from: state, in: content)
        let upCursor = try #require(up.cursor)
        #expect(upCursor.run != "100m" && up.selectedRun == upCursor.run)
        let other = try #require(content.plot.series.first { $0.name == upCursor.run })
        #expect(try #require(other.loss(atX: left.x)) > series.points.first { $0.x == left.x }!.loss)
        // And down comes back.
        #expect(Self.press([.character("h"), .up, .down], from: state, in: content).cursor?.run == "100m")
    }

    @Test func theReadoutSaysWhatTheLogLineSays() throws {
        var state = DashboardState()
        state.selectedRun = "1b"
        let content = Self.content()
        state = Self.press([.tab, .left, .left, .left], from: state, in: content)
        let readout = try #require(CursorReadout.make(sweep: Self.loaded.sweep, content: content, state: state))
        // The line of 1b.jsonl of that step, read as JSON here.
        let text = try String(contentsOf: SharedData.data("sweep-li2025/1b.jsonl"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.first { ($0["step"] as? NSNumber)?.doubleValue == readout.step })
        #expect(abs(readout.loss - ((line["loss"] as? NSNumber)?.doubleValue ?? 0)) < 1e-6 * readout.loss)
        #expect(readout.tokens == (line["tokens"] as? NSNumber)?.doubleValue)
        #expect(readout.flops == (line["flops"] as? NSNumber)?.doubleValue)
        // The fit's loss there from the fitted law's numbers, and the distance from it.
        let fit = try #require(Self.loaded.analysis.envelopeFit)
        let expected = fit.E + exp(fit.logA) * pow(readout.flops!, -fit.alpha)
        #expect(abs(try #require(readout.fitLoss) - expected) < 1e-9 * expected)
        #expect(abs(try #require(readout.distancePercent) - (readout.loss / expected - 1) * 100) < 1e-9)
        #expect(readout.learningRate == nil)
        let line40 = CursorReadoutLine(theme: .builtInDefault, glyphs: .unicode).spans(readout, width: 200).map(\.text).joined()
        #expect(line40.contains("step \(Int(readout.step!))") && line40.contains("fit ") && line40.contains(" %)"))
        // Narrow: the run and loss stay, whole pieces go.
        let narrow = CursorReadoutLine(theme: .builtInDefault, glyphs: .unicode).spans(readout, width: 40).map(\.text).joined()
        #expect(narrow.hasPrefix("● 1b") && narrow.contains("loss ") && TerminalWidth.columns(of: narrow) <= 40)
    }

    /// On the 25M runs, which log `lr` on every line: the readout's lr is the line's, within
    /// the 0.2 % the stored knots keep.
    @Test func theReadoutShowsTheLearningRateLoggedAtThePoint() throws {
        let reader = try SweepFixture.readOnce([SharedData.data("schedules-mpl25m").path])
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: TUIFixtures.target))
        let analysis = analyzer.analyze(reader.sweep)
        let context = DashboardContext(sourceLabel: "runs/", targetFlops: TUIFixtures.target)
        let content = DashboardContent.make(sweep: reader.sweep, analysis: analysis, context: context, xAxis: .flops)
        for run in ["25M-cosine_24000", "25M-wsd_20000_24000"] {
            var state = DashboardState()
            state.selectedRun = run
            state = Self.press([.tab] + Array(repeating: .left, count: 12), from: state, in: content)
            let readout = try #require(CursorReadout.make(sweep: reader.sweep, content: content, state: state))
            let text = try String(contentsOf: SharedData.data("schedules-mpl25m/\(run).jsonl"), encoding: .utf8)
            let line = try #require(text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.first { ($0["step"] as? NSNumber)?.doubleValue == readout.step })
            let logged = try #require((line["lr"] as? NSNumber)?.doubleValue)
            let shown = try #require(readout.learningRate)
            #expect(abs(shown - logged) <= 0.002 * logged, "\(run) step \(readout.step ?? -1): \(shown) vs \(logged)")
            let spans = CursorReadoutLine(theme: .builtInDefault, glyphs: .unicode).spans(readout, width: 200).map(\.text).joined()
            #expect(spans.contains("lr "))
        }
    }

    @Test func twoPinnedRunsGiveTheirLossRatioAtTheCursor() throws {
        var state = DashboardState()
        state.selectedRun = "400m"
        state.pinnedRuns = ["1b", "400m"]
        let content = Self.content()
        state = Self.press([.tab, .left, .left], from: state, in: content)
        let readout = try #require(CursorReadout.make(sweep: Self.loaded.sweep, content: content, state: state))
        let pinned = try #require(readout.pinnedRatio)
        #expect(pinned.first == "1b" && pinned.second == "400m")
        // 1b's loss at that x, interpolated here between its two neighbouring points in log-log.
        let other = try #require(content.plot.series.first { $0.name == "1b" }).points
        let x = state.cursor!.x
        let after = try #require(other.firstIndex { $0.x >= x })
        let a = other[max(after - 1, 0)], b = other[after]
        let t = b.x == a.x ? 0 : log(x / a.x) / log(b.x / a.x)
        let loss1b = exp(log(a.loss) + t * log(b.loss / a.loss))
        #expect(abs(try #require(pinned.ratio) - loss1b / readout.loss) < 1e-9)
    }

    @Test func smoothingIsTensorBoardsDebiasedAverageOfLogLoss() {
        // Evenly spaced in log x: TensorBoard's own loop with weight w gives the reference.
        let losses = [5.0, 4.0, 4.6, 3.5, 3.9, 3.1, 3.3, 2.9]
        let points = losses.enumerated().map { LogScaledPoint(PlotPoint(x: pow(10, 18 + Double($0.offset) * 0.01), loss: $0.element)) }
        let reach = 0.02
        let w = exp(-0.01 / reach)
        var last = 0.0
        var reference: [Double] = []
        for (i, loss) in losses.enumerated() {
            last = last * w + (1 - w) * log10(loss)
            reference.append(last / (1 - pow(w, Double(i + 1))))
        }
        let smoothed = LossSmoothing.smoothed(points, reach: reach)
        #expect(zip(smoothed, reference).allSatisfy { abs($0 - $1) < 1e-12 })
        // A constant loss stays where it is from the first point on (the debiasing's point).
        let flat = LossSmoothing.smoothed((0..<5).map { LogScaledPoint(PlotPoint(x: pow(10, Double($0)), loss: 3)) }, reach: 0.5)
        #expect(flat.allSatisfy { abs($0 - log10(3)) < 1e-12 })
        #expect(LossSmoothing.off.next == .light && LossSmoothing.light.next == .heavy && LossSmoothing.heavy.next == .off)
    }

    @Test func zoomKeysNarrowTheXAxisAroundTheCursorAndAddIntermediateTicks() throws {
        var state = DashboardState()
        state.selectedRun = "1b"
        let content = Self.content()
        state = Self.press([.tab, .left, .left, .left, .left, .left], from: state, in: content)
        let before = try #require(content.plotFrame(for: state))
        let zoomed = Self.press([.character("+"), .character("+"), .character("+"), .character("+")], from: state, in: content)
        let frame = try #require(content.plotFrame(for: zoomed))
        // Four halvings of the log span, the cursor's x at the same place on the axis.
        let spanBefore = log10(before.xAxis.upper / before.xAxis.lower), spanAfter = log10(frame.xAxis.upper / frame.xAxis.lower)
        #expect(abs(spanAfter - spanBefore / 16) < 1e-9)
        let x = state.cursor!.x
        #expect(abs(frame.xAxis.fraction(x) - before.xAxis.fraction(x)) < 1e-9)
        // Less than a decade in view: ticks between the powers of ten, labelled as 2e19 is.
        #expect(spanAfter < 1)
        #expect(frame.xTicks.count >= 2)
        #expect(frame.xTicks.contains { !$0.label.hasPrefix("1e") })
        // The loss axis follows what the x range shows.
        #expect(frame.yAxis.upper < before.yAxis.upper)
        // Out again past everything is everything; 0 resets.
        #expect(Self.press(Array(repeating: .character("-"), count: 6), from: zoomed, in: content).zoom == nil)
        #expect(Self.press([.character("0")], from: zoomed, in: content).zoom == nil)
    }

    @Test func aZoomStaysOnTheSameRegionWhileDataGrows() throws {
        // The sweep with half its runs, then all of them: the zoomed axis does not move.
        let all = Self.loaded.sweep
        var state = DashboardState()
        state.zoom = PlotZoom(x: 2e19...8e19)
        let context = DashboardContext(sourceLabel: "runs/", targetFlops: TUIFixtures.target)
        let small = try SweepFixture.readOnce(["1b", "400m"].map { SharedData.data("sweep-li2025/\($0).jsonl").path }).sweep
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: TUIFixtures.target))
        let before = DashboardContent.make(sweep: small, analysis: analyzer.analyze(small), context: context, xAxis: .flops)
        let after = DashboardContent.make(sweep: all, analysis: Self.loaded.analysis, context: context, xAxis: .flops)
        let a = try #require(before.plotFrame(for: state)), b = try #require(after.plotFrame(for: state))
        #expect(a.xAxis == b.xAxis && a.xAxis.lower == 2e19 && a.xAxis.upper == 8e19)
    }

    @Test func mouseReportsAreParsedFromTheKeyStream() {
        var parser = SGRMouseParser()
        let keys: [Key] = [.character("a"), .escape] + "[<0;12;5M".map { .character($0) } + [.character("b")]
        #expect(parser.decode(keys) == [.character("a"), .mouse(MouseEvent(button: .left, action: .press, position: CellPosition(x: 11, y: 4))), .character("b")])
        // Cut across two reads; wheel down with Shift; a release.
        #expect(parser.decode([.escape, .character("["), .character("<"), .character("6")]) == [])
        #expect(parser.decode("9;3;4M".map { .character($0) }) == [.mouse(MouseEvent(button: .wheelDown, action: .press, position: CellPosition(x: 2, y: 3), shift: true))])
        #expect(parser.decode([.escape] + "[<0;1;1m".map { .character($0) }) == [.mouse(MouseEvent(button: .left, action: .release, position: CellPosition(x: 0, y: 0)))])
        #expect(parser.decode([.escape] + "[<32;7;2M".map { .character($0) }) == [.mouse(MouseEvent(button: .left, action: .drag, position: CellPosition(x: 6, y: 1)))])
        // Esc alone, and Esc then a letter, stay keys.
        #expect(parser.decode([.escape]) == [.escape])
        #expect(parser.decode([.escape, .character("["), .character("A")]) == [.escape, .character("["), .character("A")])
    }

    @Test func aClickPutsTheCursorOnTheNearestPointAndTheWheelAndDragZoom() throws {
        let content = Self.content()
        let state = DashboardState()
        let frame = try #require(content.plotFrame(for: state))
        // The cell under 1b's point in the middle of its curve.
        let series = try #require(content.plot.series.first { $0.name == "1b" })
        let k = series.points.count / 2
        let pixel = frame.pixel(of: series, at: k)
        let cell = CellPosition(x: frame.canvas.x + Int(pixel.x) / 2, y: frame.canvas.y + Int(pixel.y) / 4)
        let clicked = content.handle(.mouse(MouseEvent(button: .left, action: .press, position: cell)), state: state)
        #expect(clicked.focus == .plot && clicked.cursor?.run == "1b" && clicked.selectedRun == "1b")
        let released = content.handle(.mouse(MouseEvent(button: .left, action: .release, position: cell)), state: clicked)
        #expect(released.zoom == nil && released.dragStart == nil)
        // The wheel zooms x and keeps the value under the pointer where it was.
        let wheel = content.handle(.mouse(MouseEvent(button: .wheelUp, action: .press, position: cell)), state: released)
        let zoomedFrame = try #require(content.plotFrame(for: wheel))
        let under = frame.value(atCell: cell).x, underAfter = zoomedFrame.value(atCell: cell).x
        #expect(abs(log10(under / underAfter)) < 0.02)
        #expect(wheel.zoom?.x != nil && wheel.zoom?.y == nil)
        let shifted = content.handle(.mouse(MouseEvent(button: .wheelUp, action: .press, position: cell, shift: true)), state: released)
        #expect(shifted.zoom?.y != nil)
        // A drag zooms to its box; the right button shows everything again.
        let from = CellPosition(x: frame.canvas.x + 10, y: frame.canvas.y + 2), to = CellPosition(x: frame.canvas.x + 30, y: frame.canvas.y + 10)
        var dragged = content.handle(.mouse(MouseEvent(button: .left, action: .press, position: from)), state: state)
        dragged = content.handle(.mouse(MouseEvent(button: .left, action: .drag, position: to)), state: dragged)
        #expect(dragged.dragEnd == to)
        dragged = content.handle(.mouse(MouseEvent(button: .left, action: .release, position: to)), state: dragged)
        let box = try #require(dragged.zoom?.x)
        #expect(abs(box.lowerBound / frame.value(atCell: from).x - 1) < 1e-9 && abs(box.upperBound / frame.value(atCell: to).x - 1) < 1e-9)
        #expect(dragged.zoom?.y != nil)
        #expect(content.handle(.mouse(MouseEvent(button: .right, action: .press, position: from)), state: dragged).zoom == nil)
    }

    @Test func aClickOnATableLineSelectsItsRunAndTableKeysCarryTheCursor() throws {
        let content = Self.content()
        let state = DashboardState()
        // The screen as drawn: find the line that shows 300m, and click on it.
        let screen = DashboardView().render(content, state: state, width: state.screenWidth, height: state.screenHeight).text
        let row = try #require(screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("● 300m ") })
        let clicked = content.handle(.mouse(MouseEvent(button: .left, action: .press, position: CellPosition(x: 8, y: row))), state: state)
        #expect(clicked.selectedRun == "300m" && clicked.focus == .table)
        // With the plot focused, a table key (End) moves the selection and the cursor goes along.
        let focused = content.handle(.tab, state: clicked)
        #expect(focused.cursor?.run == "300m")
        let end = content.handle(.end, state: focused)
        let last = try #require(content.tableOrder(for: focused).last?.name)
        #expect(end.selectedRun == last && end.cursor?.run == last)
    }

    @Test func enterOpensTheRunsDetailAndEscClosesIt() throws {
        let content = Self.content()
        var state = DashboardState()
        state.selectedRun = "1b"
        let open = content.handle(.enter, state: state)
        #expect(open.detailRun == "1b")
        #expect(content.handle(.escape, state: open).detailRun == nil)
        // It follows the selection up the table.
        let order = content.tableOrder(for: open).map(\.name)
        let above = order[try #require(order.firstIndex(of: "1b")) - 1]
        #expect(content.handle(.up, state: open).detailRun == above)
        let detail = try #require(RunDetail.make(sweep: Self.loaded.sweep, name: "1b", context: DashboardContext(), rows: content.rows))
        let text = detail.lines.map { "\($0.label) \($0.value)" }.joined(separator: "\n")
        // What 1b.jsonl's header says, and its line count (every line but the header has a loss).
        let lines = try String(contentsOf: SharedData.data("sweep-li2025/1b.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(text.contains("params 1.2e9 (logged)") && text.contains("total_steps 2e4 (logged)") && text.contains("tokens_per_step 1e6 (logged)"))
        #expect(text.contains("\(lines.count) read, 0 bad"))
        #expect(text.contains("\(lines.count - 1) stored"))
        #expect(text.contains("1b.jsonl"))
    }
}
