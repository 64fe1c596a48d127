import Foundation
@testable import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// The level at a run's tip read from its trailing points only (`TrailingLevel(_:readAt:)`, what
/// a projection after each new point reads) against the level read from every point.
@Suite struct TrailingLevelTests {
    /// Real curves: the Li et al. sweep's runs (cosine, a checkpoint every 128 steps) and the nine
    /// 25M schedule runs (thousands of points), each read at every tenth of its points.
    @Test func theTrailingPointsGiveTheLevelEveryPointGives() throws {
        let reader = try SweepFixture.readOnce([SharedData.data("sweep-li2025").path, SharedData.data("schedules-mpl25m").path])
        var compared = 0
        for run in reader.sweep.runs {
            let whole = CurveSeries(run: run)
            for tenth in 1...10 {
                let series = whole.prefix(whole.count * tenth / 10)
                guard series.count > 64, let last = series.x.last else { continue }
                let noise = 0.01
                for lx in [log(last), log(last) - 0.05] {
                    let all = TrailingLevel(series).level(atLogX: lx, noise: noise)
                    let trailing = TrailingLevel(series, readAt: lx).level(atLogX: lx, noise: noise)
                    #expect(all?.value == trailing?.value && all?.error == trailing?.error, "\(run.name) at \(tenth)/10")
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
    }

    /// A curve whose x goes back (a restarted log) is read whole: the trailing points alone
    /// would miss the earlier points that sort into the window.
    @Test func aCurveWhoseXGoesBackIsReadWhole() {
        let x = (1...200).map { Double($0) } + (150...210).map { Double($0) + 0.5 }
        let loss = x.indices.map { 3 + 10 / x[$0] + (Double($0 % 7) - 3) * 0.002 }
        let series = CurveSeries(axis: .steps, x: x, loss: loss)
        let lx = log(210.5)
        let all = TrailingLevel(series).level(atLogX: lx, noise: 0.01)
        let trailing = TrailingLevel(series, readAt: lx).level(atLogX: lx, noise: 0.01)
        #expect(all != nil && all?.value == trailing?.value)
        #expect(TrailingLevel(series, readAt: lx).logX.count == TrailingLevel(series).logX.count)
    }
}
