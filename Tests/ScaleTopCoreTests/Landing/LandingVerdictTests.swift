import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// The verdict on a clean synthetic sweep: Chinchilla's L(N, D), constant LR, 0.3 % noise, six
/// finished smaller runs of varied tokens per parameter, the target 30 % of the way.
@Suite struct LandingVerdictTests {
    static let law = ScalingLaw.chinchilla

    /// Writes the sweep with the target's whole curve scaled by `offset`; returns its projection.
    func projection(targetOffset offset: Double) throws -> LandingProjection? {
        let dir = try TemporaryDirectory(prefix: "landing-verdict")
        var rng = TestRandom(seed: 7)
        let finished: [(Double, Double)] = [(1e7, 10), (2e7, 40), (4e7, 20), (8e7, 60), (1.6e8, 15), (3.2e8, 30)]
        let runs = finished.map { (n: $0.0, tokens: $0.0 * $0.1, scale: 1.0, cut: 1.0) } + [(n: 6.4e8, tokens: 6.4e8 * 20, scale: offset, cut: 0.3)]
        for (index, run) in runs.enumerated() {
            let steps = 200
            let perStep = run.tokens / Double(steps)
            var text = "{\"params\": \(run.n), \"tokens_per_step\": \(perStep), \"total_steps\": \(steps)}\n"
            for step in 1...Int(Double(steps) * run.cut) {
                let u = (Double(rng.next() >> 11) + 0.5) / Double(1 << 53), v = (Double(rng.next() >> 11) + 0.5) / Double(1 << 53)
                let gaussian = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
                let loss = run.scale * Self.law.loss(params: run.n, tokens: Double(step) * perStep) * exp(0.003 * gaussian)
                text += "{\"step\": \(step), \"loss\": \(loss)}\n"
            }
            try dir.write("run\(index).jsonl", text)
        }
        let reader = SweepReader(roots: try LogPaths.resolve([dir.path]))
        reader.poll(now: 0)
        var analyzer = SweepAnalyzer()
        analyzer.options.bandResamples = 0
        let analysis = analyzer.analyze(reader.sweep)
        var diagnostics = SweepDiagnostics()
        return diagnostics.diagnose(reader.sweep, analysis: analysis, now: nil)["run6"]?.projection
    }

    @Test func onTheLawAboveAndBelowAreToldApartAtThirtyPercent() throws {
        var verdicts: [LandingVerdict?] = []
        for offset in [1.0, 1.04, 0.96] {
            let p = try #require(try projection(targetOffset: offset))
            let truth = offset * Self.law.loss(params: 6.4e8, tokens: 6.4e8 * 20)
            print("[landing] synthetic target ×\(offset): projected \(NumberText.fixed(p.projectedLoss ?? .nan, digits: 3)) band \(p.projectedBand.map { "\(NumberText.fixed($0.0, digits: 3))–\(NumberText.fixed($0.1, digits: 3))" } ?? "-") ends at \(NumberText.fixed(truth, digits: 3)), line \(NumberText.fixed(p.predictedLoss ?? .nan, digits: 3)): \(p.verdict?.rawValue ?? "none")")
            // Within 1.5 % of where each run ends (on, above and below the law alike).
            #expect(abs((p.projectedLoss ?? 0) / truth - 1) < 0.015)
            verdicts.append(p.verdict)
        }
        #expect(verdicts == [.on, .above, .below])
    }
}
