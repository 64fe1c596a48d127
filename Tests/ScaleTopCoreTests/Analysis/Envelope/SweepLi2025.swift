import Foundation
import ScaleTopCore
import ScaleTopTestSupport

/// The real per-checkpoint sweep of Li, Kudugunta & Zettlemoyer 2025 (../shared/data/sweep-li2025):
/// a header line per file, then {"step", "tokens", "flops", "loss"} lines.
enum SweepLi2025 {
    struct Checkpoint { let tokens: Double, flops: Double, loss: Double }

    static func runs() throws -> [[Checkpoint]] {
        let folder = SharedData.data("sweep-li2025")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        return try files.map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return try text.split(separator: "\n").compactMap { line -> Checkpoint? in
                let fields = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
                guard let tokens = (fields["tokens"] as? NSNumber)?.doubleValue,
                      let flops = (fields["flops"] as? NSNumber)?.doubleValue,
                      let loss = (fields["loss"] as? NSNumber)?.doubleValue
                else { return nil }  // the header line
                return Checkpoint(tokens: tokens, flops: flops, loss: loss)
            }
        }
    }

    /// The lower compute envelope (report-json.md's definition) of every run's checkpoints after
    /// the first `warmUp` fraction of that run's tokens, in increasing compute.
    static func envelope(_ runs: [[Checkpoint]], warmUp: Double = 0.1) -> [ComputeLossPoint] {
        let points = runs.flatMap { run -> [Checkpoint] in
            let last = run.map(\.tokens).max() ?? 0
            return run.filter { $0.tokens > warmUp * last }
        }.sorted { ($0.flops, $0.loss) < ($1.flops, $1.loss) }
        var frontier: [ComputeLossPoint] = []
        for point in points where point.loss < (frontier.last?.loss ?? .infinity) {
            frontier.append(ComputeLossPoint(compute: point.flops, loss: point.loss))
        }
        return frontier
    }
}
