import Foundation
import Testing
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
        var generator = SeededRandom(seed: 9)
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
