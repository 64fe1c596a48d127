import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// The inspection tools' screens as text (recorded like `ScreenSnapshotTests`): the cursor's
/// readout with two runs pinned, a zoom to less than a decade with its intermediate ticks,
/// smoothing heavy next to the same plot unsmoothed, and the detail pane.
@Suite struct InspectionSnapshotTests {
    enum Scene: String, CaseIterable, Sendable {
        case readout, zoomed, smoothed, unsmoothed, detail
    }

    static func render(_ scene: Scene, width: Int, height: Int) -> String {
        let loaded = TUIFixtures.li2025
        let context = DashboardContext(sourceLabel: "runs/", targetFlops: TUIFixtures.target, secondsSinceUpdate: 2)
        var content = DashboardContent.make(sweep: loaded.sweep, analysis: ScreenSnapshotTests.steady(loaded.analysis), context: context, xAxis: .flops)
        var state = DashboardState()
        state.screenWidth = width
        state.screenHeight = height
        state.selectedRun = "400m"
        let keys: [Key]
        switch scene {
        case .readout:
            state.pinnedRuns = ["400m", "1b"]
            keys = [.tab] + Array(repeating: .left, count: 6)
        case .zoomed:
            keys = [.tab] + Array(repeating: .left, count: 6) + Array(repeating: .character("+"), count: 4)
        case .smoothed:
            keys = [.character("o"), .character("o")]
        case .unsmoothed:
            keys = []
        case .detail:
            keys = [.enter]
        }
        state = keys.reduce(state) { content.handle($1, state: $0) }
        content.readout = state.showsReadout ? CursorReadout.make(sweep: loaded.sweep, content: content, state: state) : nil
        content.detail = state.detailRun.flatMap { RunDetail.make(sweep: loaded.sweep, name: $0, context: context, rows: content.rows) }
        let text = DashboardView().render(content, state: state, width: width, height: height).text + "\n"
        return withDataRootHidden(text)
    }

    /// The screen with the shared data folder's absolute path written `<data>`, so a recording
    /// holds wherever the checkout lies; the spaces before a line's closing border keep its width.
    static func withDataRootHidden(_ text: String) -> String {
        let root = SharedData.data("").path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let marker = "<data>"
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let range = line.range(of: "/" + root) else { return String(line) }
            var out = line.replacingCharacters(in: range, with: marker)
            let freed = root.count + 1 - marker.count
            if freed > 0, let border = out.lastIndex(of: "│") {
                out.insert(contentsOf: String(repeating: " ", count: freed), at: border)
            }
            return out
        }.joined(separator: "\n")
    }

    @Test(arguments: Scene.allCases)
    func screenMatchesItsRecording(scene: Scene) {
        for (width, height) in ScreenSnapshotTests.sizes {
            let text = Self.render(scene, width: width, height: height)
            assertSnapshot(text, matches: ScreenSnapshotTests.directory.appendingPathComponent("inspect-\(scene.rawValue)-\(width)x\(height).txt"))
            #expect(text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { TerminalWidth.columns(of: String($0)) <= width })
        }
    }
}
