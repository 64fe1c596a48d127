import Foundation

extension ComputeEnvelope {
    /// The frontier reduced to its lowest-loss entry in each of `bins` log-spaced compute bins
    /// between its first and last entry (`report --json --envelope-bins K`): at most `bins`
    /// entries, each one of the frontier's own, still in increasing compute and strictly
    /// decreasing loss. Along the frontier loss falls as compute grows, so a bin's lowest loss
    /// is its last entry, and the frontier's last entry is always kept.
    public func binned(_ bins: Int) -> [Entry] {
        guard bins > 0, entries.count > bins, let first = entries.first, let last = entries.last else { return entries }
        let lo = log(first.flops)
        let width = max(log(last.flops) - lo, .leastNormalMagnitude) / Double(bins)
        func bin(_ entry: Entry) -> Int { min(bins - 1, Int((log(entry.flops) - lo) / width)) }
        var result: [Entry] = []
        result.reserveCapacity(bins)
        for k in entries.indices where k == entries.count - 1 || bin(entries[k + 1]) != bin(entries[k]) {
            result.append(entries[k])
        }
        return result
    }
}
