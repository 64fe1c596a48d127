import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// `y` cycles the plotted loss series: each run's own, then each loss key the runs logged.
@Suite struct LossSeriesKeyTests {
    @Test func yCyclesThroughTheLossKeysTheRunsHave() throws {
        let dir = try TemporaryDirectory()
        try dir.write("out/trainer_state.json", LibraryLogs.trainerState(trainLosses: [10.9, 10.2, 9.6, 9.1], evalLosses: [9.8, 9.0], finished: false))
        let reader = try SweepFixture.readOnce([dir.path]) {
            $0.params = ["out": 1e8]
            $0.tokensPerStep = 1000
        }
        let context = DashboardContext(sourceLabel: "out/", targetFlops: 1e20, secondsSinceUpdate: 1)
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: 1e20))
        let analysis = analyzer.analyze(reader.sweep)
        let content = DashboardContent.make(sweep: reader.sweep, analysis: analysis, context: context, xAxis: .flops)
        #expect(content.lossKeys == ["loss", "eval_loss"])
        #expect(content.plot.series.first?.points.map(\.loss) == [10.9, 10.2, 9.6, 9.1])
        #expect(content.plot.envelope.count == 4)

        var state = DashboardState()
        var seen: [String?] = []
        for _ in 0..<3 {
            state = content.handle(.character("y"), state: state)
            seen.append(state.lossKey)
        }
        #expect(seen == ["loss", "eval_loss", nil])

        let eval = DashboardContent.make(sweep: reader.sweep, analysis: analysis, context: context, xAxis: .flops, lossKey: "eval_loss")
        #expect(eval.plot.series.first?.points.map(\.loss) == [9.8, 9.0])
        #expect(eval.plot.series.first?.points.map(\.x) == [20.0, 40.0].map { 6 * 1e8 * ($0 * 1000) })
        // The envelope and fit are of the runs' own losses: not drawn over another key.
        #expect(eval.plot.envelope.isEmpty && eval.plot.fit == nil)
        var evalState = DashboardState()
        evalState.lossKey = "eval_loss"
        let text = DashboardView().render(eval, state: evalState, width: 120, height: 40).text
        #expect(text.contains("eval_loss vs compute (FLOPs)"))
    }

    @Test func withNoLossKeyYieldsNothingToSwitchTo() {
        let empty = DashboardContent.make(sweep: Sweep(), analysis: SweepAnalysis(), context: DashboardContext(), xAxis: .flops)
        #expect(empty.lossKeys.isEmpty)
        #expect(empty.handle(.character("y"), state: DashboardState()).lossKey == nil)
    }
}
