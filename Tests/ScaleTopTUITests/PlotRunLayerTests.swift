import Foundation
import Testing
import ScaleTopTestSupport
@testable import ScaleTopTUI

@Suite struct PlotRunLayerTests {
    /// The run layer of the Li et al. sweep and of 40 dense synthetic runs (600 points each, so
    /// most land in a pixel column with others): the same canvas as drawing every segment of
    /// every run from its values.
    @Test func runLayerIsEverySegmentOfEveryRun() {
        var generator = TestRandom(seed: 13)
        let dense = PlotModel(xAxis: .flops, series: (0..<40).map { run in
            let n = 1e7 * pow(1.1, Double(run))
            return PlotSeries(name: "r\(run)", slot: run, points: (1...600).map { k in
                let tokens = 1e7 * Double(k)
                return PlotPoint(x: 6 * n * tokens, loss: (1.8 + 400 / pow(n, 0.34) + 400 / pow(tokens, 0.28)) * (1 + 0.02 * (generator.unit() - 0.5)))
            })
        })
        let theme = Theme.builtInDefault
        let view = PlotView(theme: theme, glyphs: .unicode)
        for model in [TUIFixtures.content().plot, TUIFixtures.content(xAxis: .steps).plot, dense] {
            for logX in [true, false] {
                let options = PlotDrawOptions(logX: logX)
                let (xAxis, yAxis) = view.axes(model, options: options)
                var grid = CellGrid(width: 120, height: 40)
                let frame = PlotFrame.draw(into: &grid, rect: Rect(x: 0, y: 0, width: 120, height: 30), title: [], footer: [],
                                           xAxis: xAxis, yAxis: yAxis, theme: theme, glyphs: .unicode, focused: false)!
                var drawn = BrailleCanvas(columns: frame.canvas.width, rows: frame.canvas.height)
                view.drawLayers(model, options: options, frame: frame, into: &drawn, layers: [.run])
                var expected = BrailleCanvas(columns: frame.canvas.width, rows: frame.canvas.height)
                for series in model.series {
                    expected.referencePolyline(series.points.map { frame.pixel(x: $0.x, loss: $0.loss) },
                                               style: theme.runStyle(slot: series.slot), priority: PlotLayer.run.rawValue)
                }
                #expect(expected.dots.contains { $0 != 0 })
                #expect(drawn.isSameDrawing(as: expected), "\(model.series.count) runs, log x \(logX)")
            }
        }
    }
}
