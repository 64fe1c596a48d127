import Foundation
import Testing
import ScaleTopTestSupport
@testable import ScaleTopTUI

@Suite struct PlotSeriesLogPointsTests {
    @Test func logPointsFollowEveryChangeOfThePoints() {
        var series = PlotSeries(name: "a", slot: 0, points: [PlotPoint(x: 10, loss: 100), PlotPoint(x: 0, loss: -1)])
        #expect(series.logPoints.map(\.x) == [1, -.infinity])
        #expect(series.logPoints.map(\.loss) == [2, -.infinity])
        series.points.append(PlotPoint(x: 1000, loss: 0.1))
        #expect(series.logPoints.count == 3)
        #expect(series.logPoints[2].x == 3)
        #expect(series.logPoints[2].loss == -1)
        series.points[0].x = 1e6
        #expect(series.logPoints[0].x == 6)
        series.points = [PlotPoint(x: 1e-3, loss: 1)]
        #expect(series.logPoints.map(\.x) == [-3])
        series.points.removeAll()
        #expect(series.logPoints.isEmpty)
    }

    @Test func seriesWithTheSamePointsAreEqual() {
        let points = [PlotPoint(x: 1, loss: 2), PlotPoint(x: 3, loss: 4)]
        var grown = PlotSeries(name: "a", slot: 1, points: [points[0]])
        grown.points.append(points[1])
        #expect(grown == PlotSeries(name: "a", slot: 1, points: points))
        #expect(grown != PlotSeries(name: "a", slot: 1, points: [points[0]]))
    }

    static func frame(xAxis: LogAxis, yAxis: LogAxis) -> PlotFrame {
        PlotFrame(canvas: Rect(x: 3, y: 1, width: 100, height: 30), xAxis: xAxis, yAxis: yAxis, xTicks: [], yTicks: [])
    }

    @Test func pixelOfASeriesPointIsThePixelOfItsValues() {
        var generator = TestRandom(seed: 9)
        let points = (0..<2_000).map { k in
            k % 97 == 0 ? PlotPoint(x: 0, loss: -2) : PlotPoint(x: 1e15 * (1 + generator.unit() * 1e6), loss: 1.5 + generator.unit() * 8)
        }
        let series = PlotSeries(name: "a", slot: 0, points: points)
        let yAxis = LogAxis(lower: 1.8, upper: 9)
        for xAxis in [LogAxis(lower: 1e16, upper: 1e20), LogAxis(lower: 0, upper: 5e20, logarithmic: false)] {
            let frame = Self.frame(xAxis: xAxis, yAxis: yAxis)
            for k in points.indices {
                let cached = frame.pixel(of: series, at: k)
                let direct = frame.pixel(x: points[k].x, loss: points[k].loss)
                #expect(cached.x == direct.x && cached.y == direct.y, "point \(k) on \(xAxis)")
            }
        }
    }
}

@Suite struct PlotSeriesReuseTests {
    static let points = (1...50).map { PlotPoint(x: 1e15 * Double($0), loss: 2 + 10 / Double($0)) }

    @Test func aSeriesThatGrewTakesThePreviousLogPointsAndComputesTheNewOnes() {
        let before = PlotSeries(name: "a", slot: 0, points: Array(Self.points.prefix(30)))
        let grown = PlotSeries(name: "a", slot: 0, points: Self.points, reusing: before)
        #expect(grown.logPoints == PlotSeries(name: "a", slot: 0, points: Self.points).logPoints)
        #expect(grown.logPoints.count == 50)
    }

    @Test func anUnchangedSeriesSharesThePreviousLogPoints() {
        let before = PlotSeries(name: "a", slot: 0, points: Self.points)
        let again = PlotSeries(name: "a", slot: 0, points: Self.points, reusing: before)
        let shared = before.logPoints.withUnsafeBufferPointer { a in again.logPoints.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        #expect(shared, "the same storage, not a copy")
    }

    @Test func changedPointsAreComputedAgain() {
        let before = PlotSeries(name: "a", slot: 0, points: Self.points)
        var moved = Self.points
        moved[10].loss = 7
        let fresh = PlotSeries(name: "a", slot: 0, points: moved).logPoints
        #expect(PlotSeries(name: "a", slot: 0, points: moved, reusing: before).logPoints == fresh)
        // Fewer points than before (a thinned curve rebinned), or another x axis.
        let shorter = Array(Self.points.prefix(20))
        #expect(PlotSeries(name: "a", slot: 0, points: shorter, reusing: before).logPoints == PlotSeries(name: "a", slot: 0, points: shorter).logPoints)
        let steps = Self.points.enumerated().map { PlotPoint(x: Double($0.offset + 1) * 100, loss: $0.element.loss) }
        #expect(PlotSeries(name: "a", slot: 0, points: steps, reusing: before).logPoints == PlotSeries(name: "a", slot: 0, points: steps).logPoints)
    }

    @Test func theDashboardContentMadeAgainDrawsTheSameScreen() {
        // The Li et al. content made from an empty content, from itself, and from the steps
        // axis' content: the same screen and the same log scaled points each time.
        let fresh = TUIFixtures.content()
        let sources = [DashboardContent(plot: PlotModel(xAxis: .flops, series: []), isoflop: IsoFLOPPlotModel(budgets: []), rows: [], summary: DashboardSummary()),
                       fresh, TUIFixtures.content(xAxis: .steps)]
        let view = DashboardView()
        let screen = view.render(fresh, state: DashboardState(), width: 120, height: 40)
        for previous in sources {
            let again = DashboardContent.make(sweep: TUIFixtures.li2025.sweep, analysis: TUIFixtures.li2025.analysis, context: TUIFixtures.context, xAxis: .flops, reusing: previous)
            #expect(again.plot.series.map(\.logPoints) == fresh.plot.series.map(\.logPoints))
            #expect(view.render(again, state: DashboardState(), width: 120, height: 40) == screen)
        }
    }
}
