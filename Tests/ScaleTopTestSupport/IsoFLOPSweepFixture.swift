import Foundation
import ScaleTopCore

/// An IsoFLOP sweep from a known law, as a table of final results (one JSONL line per run):
/// at each compute budget, `sizes` model sizes spread a factor `spread` either side of the
/// law's optimum, each trained to the budget, with 0.5 % log-normal noise.
public enum IsoFLOPSweepFixture {
    /// Hoffmann et al. 2022's fitted law (E 1.69, A 406.4, B 410.7, alpha 0.34, beta 0.28).
    public static let law = ParametricFit(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28, objective: 0, points: 0, starts: 0)

    public static func write(budgets: [Double], sizes: Int, spread: Double, seed: UInt64) throws -> TemporaryDirectory {
        var random = TestRandom(seed: seed)
        var lines: [String] = []
        for compute in budgets {
            guard let optimum = law.computeOptimal(atCompute: compute) else { continue }
            for k in 0..<sizes {
                let n = optimum.params * pow(spread, 2 * Double(k) / Double(sizes - 1) - 1)
                let d = compute / (6 * n)
                let loss = law.loss(params: n, tokens: d) * exp(0.005 * random.gaussian())
                lines.append("{\"run\": \"C\(NumberText.short(compute))-N\(NumberText.short(n))\", \"params\": \(n), \"tokens\": \(d), \"flops\": \(compute), \"loss\": \(loss)}")
            }
        }
        let dir = try TemporaryDirectory()
        try dir.write("isoflop.jsonl", lines.joined(separator: "\n") + "\n")
        return dir
    }
}
