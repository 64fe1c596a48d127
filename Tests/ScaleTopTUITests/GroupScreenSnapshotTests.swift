import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// Screens of a compared sweep (two groups, the new recipe worth 2× the compute; and one whose
/// fits cross at 1e19), as text against the recordings in `Snapshots/`, and their colours.
@Suite struct GroupScreenSnapshotTests {
    enum Scene: String, CaseIterable, Sendable {
        case twoGroups = "two-groups", multiplier = "multiplier-overlay", crossing = "multiplier-crossing"
    }

    static func sweep(_ worth: ComputeMultiplierLaw) throws -> (Sweep, SweepAnalysis) {
        let dir = try TemporaryDirectory(prefix: "group-screens")
        _ = try SweepWriter(plan: SweepPlan.comparison(worth: worth, runCount: 6, seed: 4, pointsPerRun: 80), directory: dir.path, instant: true).write()
        let sweep = try SweepFixture.readOnce([dir.path]).sweep
        var options = SweepAnalysisOptions(targetFlops: 1e21)
        options.parametricGrid = .coarse
        options.parametricResamples = 0
        var analyzer = SweepAnalyzer(options: options)
        var analysis = analyzer.analyze(sweep)
        analysis.lastRefitMilliseconds = nil
        return (sweep, analysis)
    }

    static func render(_ scene: Scene, width: Int, height: Int) throws -> (String, CellGrid) {
        let (sweep, analysis) = try sweep(scene == .crossing ? .crossing(at: 1e19) : .constant(2))
        let context = DashboardContext(sourceLabel: "base=runs/base new=runs/new", targetFlops: 1e21, filesWatched: nil, secondsSinceUpdate: 2)
        var state = DashboardState()
        state.showMultiplier = scene != .twoGroups
        let content = DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: state.xAxis)
        let grid = DashboardView(theme: .builtInDefault, glyphs: .unicode).render(content, state: state, width: width, height: height)
        return (grid.text + "\n", grid)
    }

    @Test(arguments: Scene.allCases)
    func screenMatchesItsRecording(scene: Scene) throws {
        for (width, height) in ScreenSnapshotTests.sizes {
            let (text, _) = try Self.render(scene, width: width, height: height)
            assertSnapshot(text, matches: ScreenSnapshotTests.directory.appendingPathComponent("\(scene.rawValue)-\(width)x\(height).txt"))
            #expect(text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { TerminalWidth.columns(of: String($0)) <= width })
        }
    }

    @Test func eachGroupIsDrawnInItsOwnColourAndSaysItsMultiplier() throws {
        let (text, grid) = try Self.render(.twoGroups, width: 120, height: 40)
        let theme = Theme.builtInDefault
        // The envelopes, bold in each group's colour, and no cell in the sweep's envelope colour.
        for slot in [0, 1] {
            #expect(grid.cells.contains { $0.style == theme.runStyle(slot: slot).bolded && $0.character != " " }, "group \(slot)")
        }
        #expect(!grid.cells.contains { $0.style == theme.style(.envelope) && $0.character != " " })
        #expect(text.contains("new vs base: "))
        #expect(text.contains("× compute at 1e21 ["))
        let (overlay, _) = try Self.render(.crossing, width: 120, height: 40)
        #expect(overlay.contains("compute multiplier m(C)"))
        #expect(overlay.contains("fits cross"))
        // The simulated fits cross at 1e19: the line says where, within a factor of 2.
        let said = try #require(overlay.components(separatedBy: "lines cross at ").dropFirst().first?.prefix { !$0.isWhitespace })
        let crossing = try #require(Double(said))
        #expect(crossing >= 5e18 && crossing <= 2e19, "\(said)")
    }

    @Test func mTogglesTheOverlayAndEscClosesIt() {
        var state = DashboardState()
        state = state.handle(.character("m"), runs: [])
        #expect(state.showMultiplier)
        state = state.handle(.escape, runs: [])
        #expect(!state.showMultiplier)
    }
}
