import Testing
import ScaleTopTestSupport
@testable import ScaleTopTUI

@Suite struct OrderStatisticTests {
    @Test func everyRankIsTheSortedArraysElement() {
        var generator = TestRandom(seed: 7)
        for count in [1, 2, 3, 5, 8, 31, 100, 257] {
            // Few distinct values (many ties), many, sorted, reversed and constant input.
            let inputs: [[Double]] = [
                (0..<count).map { _ in Double(generator.below(4)) },
                (0..<count).map { _ in Double(generator.below(1_000_000)) / 7 },
                (0..<count).map(Double.init),
                (0..<count).map { Double(count - $0) },
                [Double](repeating: 2.5, count: count),
            ]
            for values in inputs {
                let sorted = values.sorted()
                for rank in 0..<count {
                    var scratch = values
                    #expect(scratch.orderStatistic(rank) == sorted[rank], "rank \(rank) of \(values)")
                    #expect(scratch.sorted() == sorted, "only reordered")
                }
            }
        }
    }

    @Test func lossCeilingIsThe97thPercentileOfTheStridedSample() {
        // 7 series of uneven lengths, 9 000 points: a stride of 2 that crosses series boundaries.
        let lengths = [1_000, 1, 2_499, 0, 3_000, 1_500, 1_000]
        var generator = TestRandom(seed: 11)
        let series = lengths.enumerated().map { slot, length in
            PlotSeries(name: "r\(slot)", slot: slot, points: (0..<length).map { k in
                PlotPoint(x: Double(k + 1), loss: 2 + Double(generator.below(10_000)) / 1_000)
            })
        }
        let model = PlotModel(xAxis: .flops, series: series)
        // The definition: every stride-th loss of all curves in a row, sorted, at 97 %.
        let all = series.flatMap { $0.points.map(\.loss) }
        let stride = max(1, all.count / 4096)
        let sample = Swift.stride(from: 0, to: all.count, by: stride).map { all[$0] }.sorted()
        let expected = sample[Int(Double(sample.count - 1) * 0.97 + 0.5)]
        #expect(PlotView(theme: .builtInDefault, glyphs: .unicode).lossCeiling(model) == expected)
    }

    @Test func lossCeilingLeavesOutLossesThatAreNotNumbers() {
        let view = PlotView(theme: .builtInDefault, glyphs: .unicode)
        let points = (1...100).map { PlotPoint(x: Double($0), loss: $0 % 10 == 0 ? .nan : Double($0)) }
        let finite = points.map(\.loss).filter { !$0.isNaN }.sorted()
        #expect(view.lossCeiling(PlotModel(xAxis: .flops, series: [PlotSeries(name: "a", slot: 0, points: points)])) == finite[Int(Double(finite.count - 1) * 0.97 + 0.5)])
        let none = PlotSeries(name: "b", slot: 0, points: [PlotPoint(x: 1, loss: .nan)])
        #expect(view.lossCeiling(PlotModel(xAxis: .flops, series: [none])).isNaN)
        #expect(view.lossCeiling(PlotModel(xAxis: .flops, series: [])) == 10)
    }
}
