import Testing
@testable import ScaleTopCore

/// The quantile bands are read with: NumPy's default (linear, type 7), and an infinity where a
/// resample had no finite answer.
@Suite struct QuantileTests {
    @Test func matchesNumPysLinearQuantile() throws {
        // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0.1, 0.5, 0.9]) == [1.0, 3.5, 6.9]
        let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        #expect(quantile(values, 0.1) == 1.0)
        #expect(quantile(values, 0.5) == 3.5)
        #expect(abs(try #require(quantile(values, 0.9)) - 6.9) < 1e-12)
        #expect(quantile([], 0.5) == nil)
    }

    @Test func anInfiniteOrderStatisticIsKept() {
        let values: [Double] = [1, 2, 3, 4, .infinity]
        // On an order statistic next to the infinite one: that value, not NaN.
        #expect(quantile(values, 0.75) == 4)
        #expect(quantile(values, 0.9) == .infinity)
        #expect(quantile(values, 1) == .infinity)
        #expect(quantile([-.infinity, 1, 2], 0.25) == -.infinity)
    }
}
