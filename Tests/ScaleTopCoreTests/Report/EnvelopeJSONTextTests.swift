import Foundation
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

/// The envelope's text kept between reports (`report --follow`) is the text written afresh,
/// report after report, as the sweep grows and when its runs are dropped and read again.
@Suite struct EnvelopeJSONTextTests {
    static func ingest(_ lines: ArraySlice<String>, into sweep: inout Sweep, source: Int) {
        var scanner = LineScanner()
        for line in lines { sweep.ingest(scanner.scan(line), scanner.record, source: source) }
    }

    static func compact(_ sweep: Sweep, _ text: EnvelopeJSONText?) -> String {
        var report = SweepReport(sweep: sweep, targetFlops: 1e22)
        report.envelopeText = text
        return report.json().serialized(pretty: false)
    }

    @Test func theKeptTextIsTheTextWrittenAfresh() throws {
        let plan = SweepPlan.standard(seed: 9, pointsPerRun: 400)
        let lines = plan.runs.map { SimulationLogFormat.lines(for: RunCurve(run: $0, plan: plan), runStartTime: 0) }
        var sweep = Sweep()
        let sources = lines.indices.map { sweep.addSource(path: "r\($0).jsonl", defaultRunName: "r\($0)") }
        let text = EnvelopeJSONText()
        var read = 0
        var revisions = Set<Int>()
        while read < 401 {
            let next = min(401, read + 17)
            for k in lines.indices where read < lines[k].count {
                Self.ingest(lines[k][read..<min(next, lines[k].count)], into: &sweep, source: sources[k])
            }
            read = next
            revisions.insert(sweep.envelope.revision)
            #expect(Self.compact(sweep, text) == Self.compact(sweep, nil))
            // A second report of the same sweep is the same too.
            #expect(Self.compact(sweep, text) == Self.compact(sweep, nil))
        }
        #expect(revisions.count > 10)
        // The first run's file rewritten: the runs after it move down one index.
        _ = sweep.dropContent(of: [sources[0]])
        #expect(Self.compact(sweep, text) == Self.compact(sweep, nil))
        Self.ingest(lines[0][0..<200], into: &sweep, source: sources[0])
        #expect(Self.compact(sweep, text) == Self.compact(sweep, nil))
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(Self.compact(sweep, text).utf8)) as? [String: Any])
        #expect((envelope["envelope"] as? [Any])?.isEmpty == false)
    }
}
