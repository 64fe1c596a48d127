import Foundation

/// Chinchilla approach 1: at each compute, the run on the lower envelope (the one that reached the
/// lowest loss by then) tells the compute-optimal model size; a power law N_opt ∝ C^a through
/// those sizes, with D_opt = C / (6·N_opt) ∝ C^(1−a).
public enum EnvelopeAllocation {
    /// Log-spaced computes the envelope is read at, so a run that holds the envelope for a decade
    /// weighs by that decade, not by how many points it logged there.
    public static let samples = 100

    /// Nil when fewer than two model sizes appear on the envelope, or it spans under a factor of
    /// ten in compute (no exponent to speak of).
    /// `envelope`: another lower envelope of the sweep's runs (one group's) instead of the sweep's.
    public static func estimate(_ sweep: Sweep, targetFlops: Double?, envelope: ComputeEnvelope? = nil) -> ApproachEstimate? {
        let runs = sweep.runs
        let entries = (envelope ?? sweep.envelope).entries.filter { runs.indices.contains($0.run) && (runs[$0.run].meta.params ?? 0) > 0 }
        guard let first = entries.first, let last = entries.last, last.flops >= 10 * first.flops else { return nil }
        let low = Foundation.log(first.flops), high = Foundation.log(last.flops)
        var logC: [Double] = [], logN: [Double] = []
        var index = 0
        for k in 0..<samples {
            let x = low + (high - low) * Double(k) / Double(samples - 1)
            // The entry at or below this compute (entries are sorted by FLOPs).
            while index + 1 < entries.count, Foundation.log(entries[index + 1].flops) <= x { index += 1 }
            logC.append(x)
            logN.append(Foundation.log(runs[entries[index].run].meta.params!))
        }
        guard Set(logN).count >= 2, let line = LineFit(x: logC, y: logN), line.slope.isFinite else { return nil }
        var estimate = ApproachEstimate(a: line.slope, b: 1 - line.slope)
        if let targetFlops, targetFlops > 0 {
            let params = Foundation.exp(line.value(at: Foundation.log(targetFlops)))
            estimate.paramsAtTarget = params
            estimate.tokensAtTarget = targetFlops / (6 * params)
        }
        return estimate
    }
}
