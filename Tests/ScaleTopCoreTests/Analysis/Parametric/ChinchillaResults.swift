import Foundation
import ScaleTopCore
import ScaleTopTestSupport

/// The 245 Chinchilla runs reconstructed by Epoch (../shared/data/chinchilla-epoch).
enum ChinchillaResults {
    static func load() throws -> [RunFinalPoint] {
        let text = try String(contentsOf: SharedData.data("chinchilla-epoch/results.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let fields = object as? [String: Any],
                  let params = (fields["params"] as? NSNumber)?.doubleValue,
                  let tokens = (fields["tokens"] as? NSNumber)?.doubleValue,
                  let flops = (fields["flops"] as? NSNumber)?.doubleValue,
                  let loss = (fields["loss"] as? NSNumber)?.doubleValue
            else { throw MalformedLine(line: String(line)) }
            return RunFinalPoint(params: params, tokens: tokens, flops: flops, loss: loss)
        }
    }

    /// Epoch's variant: the five runs with the highest loss removed.
    static func withoutHighestLosses(_ runs: [RunFinalPoint], count: Int = 5) -> [RunFinalPoint] {
        Array(runs.sorted { $0.loss < $1.loss }.dropLast(count))
    }

    struct MalformedLine: Error { let line: String }
}
