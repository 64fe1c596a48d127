import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// The report on the published Li et al. 2025 sweep, checked against the data's README and
/// against an envelope computed here with Foundation's JSON reader and a brute-force rule.
@Suite struct SweepReportTests {
    static let sweepDirectory = SharedData.data("sweep-li2025")

    func readSweep() throws -> Sweep {
        try SweepFixture.sweep([Self.sweepDirectory.path])
    }

    @Test func pointCountsMatchThePublishedTable() throws {
        // Points per run, from ../shared/data/README.md.
        let expected = [
            "12m": 32, "17m": 32, "25m": 125, "35m": 125, "50m": 125, "70m": 40, "100m": 94,
            "200m": 71, "300m": 63, "400m": 47, "1b": 40,
        ]
        let sweep = try readSweep()
        #expect(sweep.runs.count == expected.count)
        for (name, points) in expected {
            let run = try #require(sweep.run(named: name))
            #expect(run.usablePoints == points, "\(name)")
        }
        #expect(sweep.lineCounts.bad == 0)
        #expect(sweep.lineCounts.read == expected.values.reduce(0, +) + expected.count)
        #expect(sweep.run(named: "1b")?.meta.params == 1_182_757_632)
        #expect(sweep.run(named: "1b").map { abs($0.last!.loss - 2.6851) < 5e-5 } == true)
    }

    @Test func envelopeIsExact() throws {
        // Every point of every file, read with Foundation.
        var all: [(flops: Double, loss: Double, run: String)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.sweepDirectory.path) where file.hasSuffix(".jsonl") {
            let name = String(file.dropLast(".jsonl".count))
            for object in try JSONLines.exactNumbers(in: Self.sweepDirectory.appendingPathComponent(file)) {
                if let flops = object["flops"], let loss = object["loss"] {
                    all.append((flops, loss, name))
                }
            }
        }
        // On the envelope: no other point at equal or lower compute has an equal or lower loss.
        var expected = all.filter { p in
            !all.contains { q in (q.flops != p.flops || q.loss != p.loss) && q.flops <= p.flops && q.loss <= p.loss }
        }
        expected.sort { $0.flops < $1.flops }
        let envelope = try readSweep()
        let entries = envelope.envelope.entries
        #expect(entries.count == expected.count)
        #expect(entries.count > 20)
        for (entry, point) in zip(entries, expected) {
            #expect(entry.flops == point.flops)
            #expect(entry.loss == point.loss)
            #expect(envelope.runs[entry.run].name == point.run)
        }
        for k in entries.indices.dropFirst() {
            #expect(entries[k].flops > entries[k - 1].flops)
            #expect(entries[k].loss < entries[k - 1].loss)
        }
    }

    @Test func jsonFollowsTheContract() throws {
        let report = SweepReport(sweep: try readSweep(), targetFlops: 1e24)
        let object = try JSONLines.parse(report.json().serialized(pretty: true))
        for key in ["version", "target_flops", "lines", "runs", "envelope", "fit", "isoflop", "parametric", "optimal_at_target", "kaplan"] {
            #expect(object.keys.contains(key), "\(key)")
        }
        #expect(JSONLines.double(object["target_flops"]) == 1e24)
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { $0["name"] as? String } == ["12m", "17m", "25m", "35m", "50m", "70m", "100m", "200m", "300m", "400m", "1b"])
        for run in runs {
            for key in ["name", "path", "params", "points", "bad_lines", "last", "best", "status", "status_reason", "projection"] {
                #expect(run.keys.contains(key), "\(key)")
            }
            #expect(run["status"] as? String == "finished")
            let last = try #require(run["last"] as? [String: Any])
            let params = try #require(JSONLines.double(run["params"]))
            let tokens = try #require(JSONLines.double(last["tokens"]))
            let flops = try #require(JSONLines.double(last["flops"]))
            #expect(abs(flops / (6 * params * tokens) - 1) < 1e-12)
        }
    }
}
