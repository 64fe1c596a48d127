import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// Whole screens as text, compared with the recorded files in `Snapshots/`. After a deliberate
/// change to the screen, re-record with `SCALETOP_RECORD_SNAPSHOTS=1 swift test --filter
/// ScreenSnapshotTests` (which fails, having recorded), review the diff of the text files like
/// any other change, and run the tests again.
@Suite struct ScreenSnapshotTests {
    static let directory = SharedData.repositoryRoot.appendingPathComponent("Tests/ScaleTopTUITests/Snapshots")

    enum Scene: String, CaseIterable, Sendable {
        case empty, oneRun = "one-run", sweep, help, ascii, hints
        /// The demo's sweep mid-way, the diverged run selected, sorted by loss.
        case demo
        /// The same with a filter, the plot focused, and the notice of a `w`.
        case filtered
        /// The demo's sweep read when every run has ended: its plateau run finished.
        case episodes
        /// An IsoFLOP sweep: the `a` panel over the plot, and the IsoFLOP view with the
        /// vertices' path to the target.
        case approaches, isoflop
        /// The demo's sweep with its largest run 40 % of the way, projected as the live view
        /// does (from the finished runs' schedules): its remainder dotted to the ◇ and its band.
        case landing
    }

    /// Runs that lack something: no parameter count, no tokens per step, no planned end, and
    /// one that lacks nothing.
    static let hintLogs: [(String, String)] = [
        ("d12.jsonl", "{\"step\": 100, \"loss\": 5.0}\n{\"step\": 200, \"loss\": 4.5}\n"),
        ("d20.jsonl", "{\"params\": 5e8, \"tokens_per_step\": 524288}\n{\"step\": 100, \"loss\": 4.8}\n{\"step\": 200, \"loss\": 4.2}\n"),
        ("d26.jsonl", "{\"params\": 1e9, \"tokens_per_step\": 524288, \"total_steps\": 400}\n{\"step\": 100, \"loss\": 4.6}\n{\"step\": 200, \"loss\": 4.0}\n"),
        ("d32.jsonl", "{\"params\": 2e9}\n{\"step\": 100, \"loss\": 4.5}\n{\"step\": 200, \"loss\": 3.9}\n"),
    ]

    /// A sweep of `hintLogs`, read once.
    static func hintSweep() throws -> Sweep {
        let dir = try TemporaryDirectory()
        for (name, text) in hintLogs { try dir.write("runs/\(name)", text) }
        let reader = try SweepFixture.readOnce([dir.path + "/runs"])
        return reader.sweep
    }

    static let sizes = [(120, 40), (80, 24)]

    /// The analysis without its one measured (varying) figure, the refit time.
    static func steady(_ analysis: SweepAnalysis) -> SweepAnalysis {
        var copy = analysis
        copy.lastRefitMilliseconds = nil
        return copy
    }

    static func render(_ scene: Scene, width: Int, height: Int) throws -> String {
        var context = DashboardContext(sourceLabel: "runs/", targetFlops: 1e22, filesWatched: nil, secondsSinceUpdate: 2)
        var sweep = Sweep()
        var analysis = SweepAnalysis()
        var state = DashboardState()
        var glyphs = Glyphs.unicode
        switch scene {
        case .empty:
            break
        case .oneRun:
            let reader = try SweepFixture.readOnce([SharedData.data("sweep-li2025/1b.jsonl").path])
            sweep = reader.sweep
            var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: 1e22))
            analysis = steady(analyzer.analyze(sweep))
        case .sweep, .help, .ascii:
            sweep = TUIFixtures.li2025.sweep
            analysis = steady(TUIFixtures.li2025.analysis)
            state.showHelp = scene == .help
            if scene == .ascii { glyphs = .ascii }
        case .demo, .filtered:
            let demo = TUIFixtures.demo
            sweep = demo.sweep
            analysis = demo.analysis
            context = demo.context
            state.selectedRun = demo.diagnoses.first { $0.value.verdict.status == .diverged }?.key
            if scene == .demo {
                state.sortKey = .loss
            } else {
                state.filter = "N1.00B|N518M"
                state.focus = .plot
                context.notice = "wrote ./scaletop-20261203-182051.svg and scaletop-20261203-182051-csv/"
            }
        case .episodes:
            let finished = TUIFixtures.simulated(fraction: 1)
            sweep = finished.sweep
            analysis = finished.analysis
            context = finished.context
        case .approaches, .isoflop:
            sweep = TUIFixtures.isoflop.sweep
            analysis = TUIFixtures.isoflop.analysis
            context = DashboardContext(sourceLabel: "isoflop/", targetFlops: 1e23, filesWatched: nil, secondsSinceUpdate: 2)
            state.showApproaches = scene == .approaches
            state.showIsoFLOP = scene == .isoflop
        case .landing:
            let going = TUIFixtures.simulated(fraction: 0.915, informed: true)
            sweep = going.sweep
            analysis = going.analysis
            context = going.context
        case .hints:
            sweep = try hintSweep()
            var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: 1e22))
            analysis = steady(analyzer.analyze(sweep))
        }
        let content = DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: state.xAxis)
        let grid = DashboardView(theme: .builtInDefault, glyphs: glyphs).render(content, state: state, width: width, height: height)
        return grid.text + "\n"
    }

    @Test(arguments: Scene.allCases)
    func screenMatchesItsRecording(scene: Scene) throws {
        for (width, height) in Self.sizes {
            let text = try Self.render(scene, width: width, height: height)
            let file = Self.directory.appendingPathComponent("\(scene.rawValue)-\(width)x\(height).txt")
            assertSnapshot(text, matches: file)
            // Every row fits the screen.
            #expect(text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { TerminalWidth.columns(of: String($0)) <= width })
        }
    }
}
