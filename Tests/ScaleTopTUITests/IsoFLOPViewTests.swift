import Foundation
import ScaleTopCore
import Testing
@testable import ScaleTopTUI

/// The IsoFLOP view shows a parabola only when it has a minimum.
@Suite struct IsoFLOPViewTests {
    static let upward = ParabolaFit(x: [18, 19, 20].map(Double.init), y: [3.2, 3.0, 3.1])!
    static let downward = ParabolaFit(x: [18, 19, 20].map(Double.init), y: [3.0, 3.2, 3.05])!

    static func model() -> IsoFLOPPlotModel {
        let good = IsoFLOPPlotModel.Budget(
            flops: 1e19, points: [18, 19, 20].map { PlotPoint(x: exp($0), loss: upward.value(at: $0)) }, profile: upward,
            vertex: PlotPoint(x: exp(19.2), loss: 2.99), atEdge: false, paramsRange: exp(18)...exp(20))
        let bad = IsoFLOPPlotModel.Budget(
            flops: 1e20, points: [(18, 3.0), (19, 3.2), (20, 3.05)].map { PlotPoint(x: exp(Double($0.0)), loss: $0.1) }, profile: downward,
            vertex: nil, atEdge: true, paramsRange: exp(18)...exp(20), opensDownward: true)
        return IsoFLOPPlotModel(budgets: [good, bad])
    }

    @Test func aParabolaOpeningDownwardIsNoMinimumAndItsPointsStay() {
        #expect(Self.downward.quadratic < 0 && Self.upward.quadratic > 0)
        var grid = CellGrid(width: 120, height: 30)
        IsoFLOPView(theme: .builtInDefault, glyphs: .unicode).draw(Self.model(), focused: false, into: &grid, rect: grid.bounds)
        let text = grid.text
        #expect(text.contains("1e20 (no minimum)"), "the legend says so")
        #expect(text.contains("1e20: no minimum"), "and so does the plot, beside its points")
        #expect(text.contains("N_opt"), "the budget with a minimum keeps its vertex")
        // The downward budget's colour (slot 1) is on its three points' crosses only: no dashed
        // curve in it. The upward budget's curve gives slot 0 many more cells.
        let braille = grid.cells.filter { (0x2801...0x28FF).contains($0.character.unicodeScalars.first!.value) }
        let slot0 = braille.filter { $0.style.foreground == Theme.builtInDefault.runStyle(slot: 0).foreground }.count
        let slot1 = braille.filter { $0.style.foreground == Theme.builtInDefault.runStyle(slot: 1).foreground }.count
        #expect(slot1 >= 3 && slot1 <= 9, "\(slot1) cells")
        #expect(slot0 > 3 * slot1, "\(slot0) vs \(slot1)")
    }
}
