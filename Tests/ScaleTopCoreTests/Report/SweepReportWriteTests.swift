import Foundation
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

/// The report written a piece at a time (`SweepReport.write`) is the text of its JSON tree.
@Suite struct SweepReportWriteTests {
    @Test(arguments: [true, false])
    func thePiecesMakeTheTreesText(pretty: Bool) throws {
        let plan = SweepPlan.standard(seed: 4, pointsPerRun: 300)
        var sweep = Sweep()
        for (k, run) in plan.runs.enumerated() {
            let source = sweep.addSource(path: "r\(k).jsonl", defaultRunName: "r\(k)")
            var scanner = LineScanner()
            for line in SimulationLogFormat.lines(for: RunCurve(run: run, plan: plan), runStartTime: 0).prefix(100 + 25 * k) {
                sweep.ingest(scanner.scan(line), scanner.record, source: source)
            }
        }
        // A few hundred runs more, of one point each, so the text comes in many pieces.
        for k in 0..<600 {
            let source = sweep.addSource(path: "small/s\(k).jsonl", defaultRunName: "s\(k)")
            var scanner = LineScanner()
            sweep.ingest(scanner.scan("{\"step\": 1, \"tokens\": 1e6, \"loss\": \(2 + Double(k) / 600)}"), scanner.record, source: source)
        }
        var analyzer = SweepAnalyzer()
        let analysis = analyzer.analyze(sweep)
        var diagnostics = SweepDiagnostics()
        let report = SweepReport(sweep: sweep, targetFlops: 1e22, notices: ["a notice"], analysis: analysis,
                                 analysisOptions: analyzer.options, diagnoses: diagnostics.diagnose(sweep, analysis: analysis, now: nil))
        var pieces: [[UInt8]] = []
        report.write(pretty: pretty) { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == report.json().serialized(pretty: pretty))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(pieces.joined())) as? [String: Any])
        #expect((object["runs"] as? [Any])?.count == 608)
    }
}
