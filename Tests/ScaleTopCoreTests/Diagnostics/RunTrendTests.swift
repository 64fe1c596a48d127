import Foundation
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

/// A run's derived points read on as it grows (`RunTrend`, kept by `SweepDiagnostics` while
/// watching) give exactly what deriving them from scratch gives, look after look.
@Suite struct RunTrendTests {
    /// Simulated runs of the standard sweep, 3,000 points each (the trend stride grows from 1 to 3
    /// on the way), healthy and with each failure shape.
    static let shapes: [FailureShape?] = [
        nil, .blowUp(onset: 0.3), .chaotic(onset: 0.08), .plateau(onset: 0.5), .divergence(onset: 0.4, nanOnset: 0.8),
        .slowRise(onset: 0.5), .nan(onset: 0.7), .stuck(onset: 0.6),
    ]

    static func lines(_ shape: FailureShape?, seed: UInt64, index: Int) -> [String] {
        var plan = SweepPlan.standard(seed: seed, pointsPerRun: 3000)
        plan.runs[index].failure = shape
        return SimulationLogFormat.lines(for: RunCurve(run: plan.runs[index], plan: plan), runStartTime: 0)
    }

    static func ingest(_ lines: ArraySlice<String>, into sweep: inout Sweep, source: Int) {
        var scanner = LineScanner()
        for line in lines { sweep.ingest(scanner.scan(line), scanner.record, source: source) }
    }

    /// Equal bit for bit (NaN losses included).
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.map(\.bitPattern) == b.map(\.bitPattern)
    }

    static func expectSame(_ a: CurveSeries, _ b: CurveSeries) {
        #expect(a.axis == b.axis && a.plannedX == b.plannedX && a.plannedSteps == b.plannedSteps)
        #expect(same(a.x, b.x) && same(a.loss, b.loss) && same(a.step, b.step))
    }

    static func expectSame(_ a: RunTrendInputs, _ b: RunTrendInputs) {
        #expect(a.logX == b.logX)
        #expect(a.logLoss == b.logLoss)
        #expect(a.curve == b.curve)
        #expect(a.grossRises.count == b.grossRises.count)
        for (x, y) in zip(a.grossRises, b.grossRises) {
            #expect(x.onsetIndex == y.onsetIndex && x.endIndex == y.endIndex && x.recovered == y.recovered)
            #expect(same([x.peakLoss, x.bestBefore], [y.peakLoss, y.bestBefore]))
        }
    }

    @Test(arguments: shapes.indices)
    func aGrowingRunReadOnGivesWhatReadingItWholeGives(shape: Int) throws {
        let lines = Self.lines(Self.shapes[shape], seed: 7, index: shape % 8)
        var sweep = Sweep()
        let source = sweep.addSource(path: "r.jsonl", defaultRunName: "r")
        let options = DiagnosticsOptions()
        var trend: RunTrend?
        var read = 0
        var looks = 0
        // Looks after 1, 2, … 37 new lines, over and over: every stride change and tip position.
        var step = 1
        while read < lines.count {
            let next = min(lines.count, read + step)
            Self.ingest(lines[read..<next], into: &sweep, source: source)
            read = next
            step = step % 37 + 1
            let run = try #require(sweep.run(named: sweep.runs.first?.name ?? ""))
            if trend == nil { trend = RunTrend(run, options: options) } else { trend!.update(run, options: options) }
            let scratch = CurveSeries(run: run)
            Self.expectSame(trend!.series, scratch)
            Self.expectSame(trend!.inputs, RunTrendInputs(scratch, options: options))
            looks += 1
        }
        #expect(looks > 100)
        // The last look smoothed only its newest nodes, and still has them all.
        #expect(trend!.inputs.curve.count > 300)
    }

    @Test func stepsOutOfOrderAreReadAsFromScratch() throws {
        // A stray line from an earlier step among later ones, off the trend stride (the latest
        // point at one look, gone from the trend points at the next), then a resumed run
        // logging from step 900 again.
        var lines = ["{\"params\": 1e8, \"tokens_per_step\": 65536, \"total_steps\": 4000}"]
        var rng = SplitMix64(seed: 2)
        for step in Array(1...1301) + [700] + Array(1302...1400) + Array(900...1500) {
            let loss = 2 + 8 * pow(Double(step), -0.3) * (1 + 0.02 * (Double(rng.next() % 1000) / 500 - 1))
            lines.append("{\"step\": \(step), \"loss\": \(loss)}")
        }
        var sweep = Sweep()
        let source = sweep.addSource(path: "r.jsonl", defaultRunName: "r")
        let options = DiagnosticsOptions()
        var trend: RunTrend?
        var read = 0
        while read < lines.count {
            let next = read + 1
            Self.ingest(lines[read..<next], into: &sweep, source: source)
            read = next
            let run = try #require(sweep.runs.first)
            if trend == nil { trend = RunTrend(run, options: options) } else { trend!.update(run, options: options) }
            Self.expectSame(trend!.inputs, RunTrendInputs(CurveSeries(run: run), options: options))
        }
    }

    @Test func aRunWhoseLogWasRewrittenIsReadAfresh() throws {
        let first = Self.lines(nil, seed: 3, index: 2), second = Self.lines(.blowUp(onset: 0.3), seed: 4, index: 2)
        var sweep = Sweep()
        let source = sweep.addSource(path: "r.jsonl", defaultRunName: "r")
        let options = DiagnosticsOptions()
        Self.ingest(first[0..<1500], into: &sweep, source: source)
        var trend = RunTrend(try #require(sweep.runs.first), options: options)
        // Rewritten with a longer history: the same run, other points.
        _ = sweep.dropContent(of: [source])
        Self.ingest(second[0..<2000], into: &sweep, source: source)
        let run = try #require(sweep.runs.first)
        trend.update(run, options: options)
        let scratch = CurveSeries(run: run)
        Self.expectSame(trend.series, scratch)
        Self.expectSame(trend.inputs, RunTrendInputs(scratch, options: options))
        #expect(!trend.inputs.grossRises.isEmpty)
    }

    @Test func watchingGivesTheDiagnosesOfAOneShotLook() throws {
        var sweep = Sweep()
        let runs = [(FailureShape?.none, 0), (.blowUp(onset: 0.3), 1), (.plateau(onset: 0.5), 2), (.nan(onset: 0.7), 3)]
        let lines = runs.map { Self.lines($0.0, seed: 5, index: $0.1) }
        let sources = runs.indices.map { sweep.addSource(path: "r\($0).jsonl", defaultRunName: "r\($0)") }
        var watching = SweepDiagnostics()
        watching.keepsTrends = true
        var read = 0
        var flagged = Set<RunStatus>()
        while read < 3001 {
            let next = min(3001, read + 53)
            for k in runs.indices where read < lines[k].count {
                Self.ingest(lines[k][read..<min(next, lines[k].count)], into: &sweep, source: sources[k])
            }
            read = next
            let live = watching.diagnose(sweep, fit: nil, now: nil)
            var fresh = SweepDiagnostics()
            let once = fresh.diagnose(sweep, fit: nil, now: nil)
            for name in once.keys {
                let a = try #require(live[name]), b = try #require(once[name])
                #expect(a.verdict.status == b.verdict.status)
                #expect(a.smoothed == b.smoothed)
                #expect(a.spikes == b.spikes)
                #expect(a.projection == b.projection)
                flagged.insert(a.verdict.status)
            }
        }
        // The failures were seen on the way.
        #expect(flagged.contains(.diverged))
    }
}
