import Foundation
import ScaleTopTestSupport
import Testing

/// `scaletop report` without `--json`: the answer the live view's status lines give, in text.
@Suite struct ReportTextTests {
    /// The simulated sweep (one run diverges to NaN) written at once, and its JSON report.
    static func simulatedSweep() throws -> (dir: TemporaryDirectory, json: [String: Any]) {
        let dir = try TemporaryDirectory()
        let simulated = try ScaleTopProcess.run(["simulate", dir.file("runs").path, "--instant"])
        #expect(simulated.status == 0, "\(simulated.error)")
        let report = try ScaleTopProcess.run(["report", dir.file("runs").path, "--json", "--target", "1e22"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        return (dir, json)
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    @Test func textReportGivesTheFitTheTargetTheOptimumAndEveryVerdict() throws {
        let (dir, json) = try Self.simulatedSweep()
        let outcome = try ScaleTopProcess.run(["report", dir.file("runs").path, "--target", "1e22"])
        #expect(outcome.status == 0, "\(outcome.error)")
        let lines = outcome.output.split(separator: "\n").map(String.init)
        let fitLine = try #require(lines.first { $0.hasPrefix("fit  L(C) = ") }, "\(outcome.output)")

        let fit = try #require(json["fit"] as? [String: Any])
        let E = try #require(fit["E"] as? Double), alpha = try #require(fit["alpha"] as? Double)
        #expect(fitLine.contains("L(C) = \(Self.fixed(E, 2)) + "))
        #expect(fitLine.contains("·C^-\(Self.fixed(alpha, 3))"))
        let atTarget = try #require(fit["loss_at_target"] as? Double)
        let band = try #require(fit["band"] as? [Double])
        #expect(fitLine.contains("at 1e22: \(Self.fixed(atTarget, 2)) [\(Self.fixed(band[0], 2)), \(Self.fixed(band[1], 2))]"), "\(fitLine)")
        let optimal = try #require(json["optimal_at_target"] as? [String: Any])
        let source = try #require(optimal["source"] as? String)
        #expect(fitLine.contains("N_opt ") && fitLine.contains("D_opt ") && fitLine.hasSuffix("(\(source))"), "\(fitLine)")

        // Every run's row carries the status the JSON gives, and the NaN run has no landing.
        let runs = try #require(json["runs"] as? [[String: Any]])
        for run in runs {
            let name = try #require(run["name"] as? String), status = try #require(run["status"] as? String)
            let row = try #require(lines.first { $0.hasPrefix(name + " ") }, "no row for \(name)")
            #expect(row.contains("  \(status)"), "\(row)")
            if let last = run["last"] as? [String: Any], (last["loss"] as? Double)?.isNaN ?? (last["loss"] is NSNull) {
                #expect(!row.contains("line "), "a NaN run has no landing: \(row)")
            }
            if let verdict = (run["projection"] as? [String: Any])?["verdict"] as? String, status == "finished" {
                #expect(row.contains("ended "), "a finished run says where it ended: \(row)")
                #expect(row.contains(verdict == "on" ? "on line" : verdict))
            }
            // A flagged run's reason is on a line of its own.
            if ["plateau", "diverged", "stale"].contains(status) {
                let reason = try #require(run["status_reason"] as? String)
                #expect(lines.contains("\(name) \(status): \(reason)"), "\(outcome.output)")
            }
        }
        #expect(runs.contains { $0["status"] as? String == "diverged" }, "the simulated sweep has its divergence")
    }

    @Test func withoutAFitTheLineSaysSo() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"params\": 1e8}\n{\"step\": 1, \"tokens\": 1e8, \"loss\": 5.0}\n")
        let outcome = try ScaleTopProcess.run(["report", dir.path, "--target", "1e22"])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("fit  needs more points on the compute envelope past the warm-up; have 1"), "\(outcome.output)")
    }
}
