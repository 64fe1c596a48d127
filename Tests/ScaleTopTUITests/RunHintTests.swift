import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// What a run lacks, said where the eye is: in its row, in a line under the table, and in the
/// fit line, whole words only.
@Suite struct RunHintTests {
    func screen(width: Int, height: Int, selected: String? = nil) throws -> [String] {
        let sweep = try ScreenSnapshotTests.hintSweep()
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: 1e22))
        let analysis = analyzer.analyze(sweep)
        let context = DashboardContext(sourceLabel: "runs/", targetFlops: 1e22, secondsSinceUpdate: 2)
        let content = DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: .flops)
        var state = DashboardState()
        state.selectedRun = selected
        let grid = DashboardView(theme: .builtInDefault, glyphs: .unicode).render(content, state: state, width: width, height: height)
        return grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func eachRunSaysWhatItLacks() throws {
        let sweep = try ScreenSnapshotTests.hintSweep()
        func hint(_ name: String) throws -> RunHint? { RunHint.of(try #require(sweep.run(named: name))) }
        #expect(try hint("d12")?.phrases.first == "no FLOPs: log params or pass --params")
        #expect(try hint("d20")?.kind == .noPlannedEnd)
        #expect(try hint("d26") == nil)
        #expect(try hint("d32")?.phrases.first == "no FLOPs: log tokens_per_step")
    }

    /// The hint line either holds the whole sentence or whole words of it and an ellipsis.
    @Test(arguments: [(120, 40), (80, 24), (100, 30)])
    func theHintLineCutsNoWord(width: Int, height: Int) throws {
        for selected in [nil, "d20", "d32"] as [String?] {
            let lines = try screen(width: width, height: height, selected: selected)
            let hint = try #require(lines.first { $0.hasPrefix(" hint  ") }, "no hint line at \(width)x\(height)")
            let text = String(hint.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            // The line right above the key bar.
            #expect(lines.firstIndex(of: hint) == height - 2)
            let sweep = try ScreenSnapshotTests.hintSweep()
            let rows = RunRow.rows(of: sweep)
            let texts = RunTableView.hintTexts(rows, selectedRun: selected)
            let full = try #require(texts.last)
            if texts.contains(text) { continue }
            if text.hasSuffix("…") {
                let kept = String(text.dropLast())
                #expect(full.hasPrefix(kept))
                let next = full[full.index(full.startIndex, offsetBy: kept.count)...]
                #expect(next.first == " " || next.first == "," || next.first == ":", "cut mid-word: \(text)")
            } else {
                Issue.record("\(text) is none of \(texts)")
            }
        }
    }

    @Test func theFirstRunOffTheAxisIsNamedUnlessAnotherIsSelected() throws {
        let sweep = try ScreenSnapshotTests.hintSweep()
        let rows = RunRow.rows(of: sweep)
        #expect(RunTableView.hintText(rows, selectedRun: nil)
            == "d12 is off the FLOPs axis: its parameter count is unknown. Pass --params 'd12=N', log \"params\", or add d12.meta.json beside its log. (1 more off the FLOPs axis)")
        #expect(RunTableView.hintText(rows, selectedRun: "d20")?.hasPrefix("d20 has no planned end, so no landing verdict. Log \"total_steps\"") == true)
        #expect(RunTableView.hintText(rows, selectedRun: "d26")?.hasPrefix("d12 is off the FLOPs axis") == true)
    }

    /// Each landing cell of a run that lacks something holds one of its phrases whole.
    @Test(arguments: [(120, 40), (80, 24)])
    func rowsSayWhatToAddInWholePhrases(width: Int, height: Int) throws {
        let lines = try screen(width: width, height: height)
        let sweep = try ScreenSnapshotTests.hintSweep()
        for name in ["d12", "d20", "d32"] {
            let run = try #require(sweep.run(named: name))
            let hint = try #require(RunHint.of(run))
            guard let row = lines.first(where: { $0.contains(" \(name) ") && $0.hasPrefix("│") }) else { continue }
            #expect(hint.phrases.contains { row.contains($0 + " ") || row.contains($0 + "│") }, "\(row)")
        }
    }

    @Test func theFitLineSaysWhatTheOptimumNeeds() throws {
        let lines = try screen(width: 120, height: 40)
        let fit = try #require(lines.first { $0.hasPrefix("  fit  ") })
        // Finals: d20 (no planned end) only; no IsoFLOP budget.
        #expect(fit.contains("N_opt: needs 6 final points (have 1) or"), "\(fit)")
        #expect(!fit.contains("D_opt"))
    }

    /// Runs with losses but none with compute: the plot says why it is empty and the way out.
    @Test func anEmptyPlotOfRunsOffTheAxisSaysWhy() throws {
        let dir = try TemporaryDirectory()
        try dir.write("runs/d12.jsonl", "{\"step\": 100, \"loss\": 5.0}\n{\"step\": 200, \"loss\": 4.5}\n")
        let reader = try SweepFixture.readOnce([dir.path + "/runs"])
        let context = DashboardContext(sourceLabel: "runs/", targetFlops: 1e22, secondsSinceUpdate: 2)
        let content = DashboardContent.make(sweep: reader.sweep, analysis: SweepAnalysis(), context: context, xAxis: .flops)
        for (width, height) in [(120, 40), (80, 24)] {
            let text = DashboardView().render(content, state: DashboardState(), width: width, height: height).text
            #expect(!text.contains("waiting for runs with a loss"))
            #expect(text.contains("no run is on the FLOPs axis yet"), "\(text)")
            let fit = try #require(text.split(separator: "\n").first { $0.hasPrefix("  fit  ") })
            #expect(fit.contains("no run has a FLOPs axis"), "\(fit)")
        }
    }

    @Test func wordFitKeepsWholeWords() {
        #expect(WordFit.fit("add the params please", columns: 30, ellipsis: "…") == "add the params please")
        #expect(WordFit.fit("add the params please", columns: 15, ellipsis: "…") == "add the params…")
        #expect(WordFit.fit("add the params please", columns: 14, ellipsis: "…") == "add the…")
        #expect(WordFit.fit("parameters", columns: 5, ellipsis: "…") == nil)
        #expect(WordFit.fit("a: b c", columns: 4, ellipsis: "…") == "a…")
    }
}
