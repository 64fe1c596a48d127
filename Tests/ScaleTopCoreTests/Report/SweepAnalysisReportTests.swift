import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// The fits through the whole path a user takes: files → sweep → analysis → report JSON.
@Suite struct SweepAnalysisReportTests {
    func report(_ path: String, target: Double) throws -> [String: Any] {
        let reader = try SweepFixture.readOnce([path])
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions(targetFlops: target))
        let analysis = analyzer.analyze(reader.sweep)
        let report = SweepReport(sweep: reader.sweep, targetFlops: target, analysis: analysis, analysisOptions: analyzer.options)
        return try JSONLines.parse(report.json().serialized(pretty: false))
    }

    @Test func chinchillaTableGivesEpochsAllPointsFit() throws {
        let object = try report(SharedData.data("chinchilla-epoch/results.jsonl").path, target: 5.76e23)
        let p = try #require(object["parametric"] as? [String: Any])
        // Reference: ../shared/data/chinchilla-epoch/README.md, re-fit on all 245 points.
        #expect(abs(JSONLines.double(p["E"])! - 1.8913) < 1e-3)
        #expect(abs(JSONLines.double(p["alpha"])! - 0.3493) < 2e-3)
        #expect(abs(JSONLines.double(p["beta"])! - 0.4530) < 2e-3)
        #expect(abs(JSONLines.double(p["A"])! / 495.73 - 1) < 0.03)
        #expect(abs(JSONLines.double(p["a"])! - 0.5646) < 3e-3)
        let optimum = try #require(object["optimal_at_target"] as? [String: Any])
        let params = try #require(JSONLines.double(optimum["params"]))
        let tokens = try #require(JSONLines.double(optimum["tokens"]))
        // The optimum spends the target: C = 6·N·D.
        #expect(abs(6 * params * tokens / 5.76e23 - 1) < 1e-9)
        // Epoch's table holds 35 IsoFLOP budgets with their vertex inside the sizes tried: the
        // most direct measurement of the optimum wins (report-json.md's rule).
        #expect(optimum["source"] as? String == "isoflop")
    }

    @Test func liSweepEnvelopeFitExtrapolatesAboveTheFloor() throws {
        let object = try report(SharedData.data("sweep-li2025").path, target: 1e22)
        let fit = try #require(object["fit"] as? [String: Any])
        let E = try #require(JSONLines.double(fit["E"]))
        let atTarget = try #require(JSONLines.double(fit["loss_at_target"]))
        let band = try #require(fit["band"] as? [Any]).compactMap(JSONLines.double)
        let envelope = try #require(object["envelope"] as? [[String: Any]])
        let lastLoss = try #require(JSONLines.double(envelope.last?["loss"]))
        // 1e22 is ~70x beyond the sweep's largest compute: the prediction lies between the
        // irreducible loss and the best loss reached, inside its own band.
        #expect(E > 1 && E < atTarget)
        #expect(atTarget < lastLoss)
        #expect(band.count == 2 && band[0] <= atTarget && atTarget <= band[1])
        let refits = try #require(fit["refits"] as? [String: Any])
        #expect(refits["full"] as? Int == 1)
        #expect((fit["points"] as? Int).map { $0 > 50 } == true)
    }
}
