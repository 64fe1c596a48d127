import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// A run's plotted points are made from its new points only while it grows, and stay what a
/// fresh thinning would keep: bounded, in order, ending at the latest point, taken from the run.
@Suite struct SeriesThinningTests {
    func reader(_ dir: TemporaryDirectory) throws -> SweepReader {
        SweepReader(roots: try LogPaths.resolve([dir.path]))
    }

    @Test func aGrowingRunIsPlottedFromItsNewPointsAndStaysBounded() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"params\": 1e8, \"tokens_per_step\": 1000}\n")
        let reader = try reader(dir)
        var model: PlotModel?
        var rng = TestRandom(seed: 5)
        var step = 0
        var incremental = 0, carried = 0
        for round in 0..<60 {
            // Bursts of 1–200 lines, as a trickle and a backlog bring them.
            let lines = round < 5 ? 200 : 1 + Int(rng.nextUnitInterval() * 30)
            var text = ""
            for _ in 0..<lines {
                step += 1
                text += "{\"step\": \(step), \"loss\": \(3 + 5 / Double(step).squareRoot() + 0.01 * rng.nextUnitInterval())}\n"
            }
            try dir.append("a.jsonl", text)
            reader.poll(now: Double(round))
            let before = model
            let made = PlotModel.make(sweep: reader.sweep, analysis: SweepAnalysis(), options: .init(maximumPointsPerRun: 100), reusing: before)
            let series = try #require(made.series.first)
            let run = try #require(reader.sweep.runs.first)
            let stored = (0..<run.curve.count).map { run.curve[$0] }.filter(\.hasUsableLoss).map { PlotPoint(x: run.flops(of: $0)!, loss: $0.loss) }
            #expect(series.points.last == stored.last)
            #expect(series.points.count <= 151)
            // Every plotted point is a stored one, in order.
            var cursor = stored.startIndex
            for point in series.points {
                guard let found = stored[cursor...].firstIndex(of: point) else { Issue.record("\(point) is not a stored point"); break }
                cursor = found + 1
            }
            // The log scaled points are those of the points, however many were reused.
            #expect(series.logPoints == series.points.map(LogScaledPoint.init))
            // So are the smoothed losses (heavy, light every fifth round): the memo carried from
            // the picture before gives exactly what smoothing every point again gives.
            let reach = round % 5 == 4 ? LossSmoothing.light.decades : LossSmoothing.heavy.decades
            if series.smoothing.keptCount > 0 { carried += 1 }
            #expect(series.smoothing.values(for: series.logPoints, reach: reach) == LossSmoothing.smoothed(series.logPoints, reach: reach))
            if let previous = before?.series.first, previous.points.count > 1, series.points.starts(with: previous.points.dropLast()) { incremental += 1 }
            model = made
        }
        #expect(incremental >= 50)
        #expect(carried >= 45)
        // Nothing new: the same series.
        let again = PlotModel.make(sweep: reader.sweep, analysis: SweepAnalysis(), options: .init(maximumPointsPerRun: 100), reusing: model)
        #expect(again.series == model?.series)
    }

    @Test func aRunWhoseXChangesIsPlottedAfresh() throws {
        // The same log read without and with a parameter count: on the FLOPs axis its points
        // move, and a picture made from the first may lend the second nothing.
        let lines = "{\"tokens_per_step\": 1000}\n" + (1...300).map { "{\"step\": \($0), \"loss\": \(4 - Double($0) * 0.001)}\n" }.joined()
        let plain = try TemporaryDirectory(), sized = try TemporaryDirectory()
        try plain.write("a.jsonl", lines)
        try sized.write("a.jsonl", lines)
        try sized.write("a.meta.json", "{\"params\": 1e8}")
        let a = try reader(plain), b = try reader(sized)
        a.poll(now: 0)
        b.poll(now: 0)
        let options = PlotModel.Options(xAxis: .flops, maximumPointsPerRun: 100)
        let before = PlotModel.make(sweep: a.sweep, analysis: SweepAnalysis(), options: options)
        #expect(before.series.first?.points.isEmpty == true)
        let after = PlotModel.make(sweep: b.sweep, analysis: SweepAnalysis(), options: options, reusing: before)
        let fresh = PlotModel.make(sweep: b.sweep, analysis: SweepAnalysis(), options: options)
        #expect(after.series == fresh.series)
        #expect(after.series.first?.points.first?.x == 6 * 1e8 * 1000)
        // And back on the steps axis from the FLOPs picture: made afresh as well.
        let steps = PlotModel.make(sweep: b.sweep, analysis: SweepAnalysis(), options: .init(xAxis: .steps, maximumPointsPerRun: 100), reusing: after)
        #expect(steps.series.first?.points.first?.x == 1)
    }
}
