import Testing
@testable import ScaleTopTUI

@Suite struct LogAxisTests {
    @Test func mapsDecadesEvenly() {
        let axis = LogAxis(lower: 1e17, upper: 1e21)
        #expect(abs(axis.fraction(1e19) - 0.5) < 1e-12)
        #expect(abs(axis.value(atFraction: 0.25) - 1e18) / 1e18 < 1e-9)
        #expect(axis.pixel(1e21, pixels: 101) == 100)
    }

    @Test func decadeTicksArePowersOfTenLabelledInENotation() {
        let axis = LogAxis(lower: 3e16, upper: 2e23)
        let ticks = axis.decadeTicks(cells: 100, minimumSpacing: 8)
        #expect(ticks.map(\.label) == ["1e17", "1e18", "1e19", "1e20", "1e21", "1e22", "1e23"])
        let narrow = axis.decadeTicks(cells: 30, minimumSpacing: 8)
        #expect(narrow.count < ticks.count && narrow.count >= 2)
    }

    @Test func lossTicksAreReadableRoundValuesInOrder() {
        let axis = LogAxis(lower: 2.3, upper: 6.5)
        let ticks = axis.roundTicks(cells: 24, minimumSpacing: 3)
        let values = ticks.map(\.value)
        #expect(values == values.sorted())
        #expect(values.count >= 4)
        #expect(values.allSatisfy { ($0 * 2).rounded() == $0 * 2 }, "halves at this height: \(values)")
        #expect(ticks.map(\.label).contains("3.0"))
        #expect(Set(ticks.map { $0.label.count }).count == 1, "one number of decimals")
    }

    @Test func fittingAddsAMarginAndReachesTheTarget() {
        let axis = LogAxis.fitting([1e18, 1e20], including: [1e23], margin: 0.05)
        #expect(axis.lower < 1e18 && axis.upper > 1e23)
        #expect(LogAxis.fitting([]).lower == 1)
        let flat = LogAxis.fitting([3, 3])
        #expect(flat.lower < 3 && flat.upper > 3)
    }

    @Test func exponentLabels() {
        #expect(LogAxis.exponentLabel(1e18) == "1e18")
        #expect(LogAxis.exponentLabel(5e21) == "5e21")
        #expect(LogAxis.exponentLabel(100) == "100")
    }
}
