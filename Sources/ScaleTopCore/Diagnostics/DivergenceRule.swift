import Foundation

/// The trend half of `diverged` (a NaN or infinite latest loss is the other half, see `RunDiagnostics`).
///
/// Rule: past the warm-up, let m be the running minimum of the smoothed ln loss. The run has diverged
/// when, at every smoothed point over the trailing `riseSustain` (ln x, ≈ the last 8 % of compute),
/// the smoothed loss exceeds m by more than `riseFraction` (3 %) **and** by more than `noiseZ` (3)
/// standard errors of that difference. A spike that recovers before the rise has been sustained that
/// long (a spike shorter than about a tenth of the steps so far) is never flagged; a blow-up that
/// only partly recovers, a slow rise and a jump to a loss that stays elevated all are.
public struct DivergenceFinding: Sendable, Equatable {
    /// Node of the running minimum the rise is measured from (the best smoothed loss).
    public var bestNode: Int
    /// First node of the current, sustained exceedance.
    public var onsetNode: Int
    /// Latest smoothed loss over the best one, minus 1.
    public var excess: Double
}

public enum DivergenceRule {
    /// Nodes before `warmupEnd` (ln x) are ignored. nil when the run has not diverged.
    public static func evaluate(_ curve: SmoothedCurve, warmupEnd: Double, options: DiagnosticsOptions) -> DivergenceFinding? {
        guard let scan = scan(curve, warmupEnd: warmupEnd, options: options), let start = scan.streakStart,
              let tip = curve.logX.indices.last, start < tip,
              curve.logX[tip] - curve.logX[start] >= options.riseSustain - 1e-12 else { return nil }
        // The best point before the streak began (the streak cannot lower it).
        return DivergenceFinding(bestNode: scan.best, onsetNode: start, excess: exp(curve.logLoss[tip] - curve.logLoss[scan.best]) - 1)
    }

    /// Whether the latest smoothed point already exceeds the running minimum as a divergence needs
    /// (a rise that may not yet be sustained): such a run is not called a plateau meanwhile.
    public static func exceedsBest(_ curve: SmoothedCurve, warmupEnd: Double, options: DiagnosticsOptions) -> Bool {
        scan(curve, warmupEnd: warmupEnd, options: options)?.streakStart != nil
    }

    /// Every sustained exceedance in the run's history, in order: where it began, its last node
    /// (the tip while it lasts) and the best node it was measured from. A past one is what the rule
    /// said while it lasted, so a run that rose and then recovered keeps it as an episode.
    public static func stretches(_ curve: SmoothedCurve, warmupEnd: Double, options: DiagnosticsOptions) -> [(best: Int, start: Int, end: Int)] {
        var found: [(best: Int, start: Int, end: Int)] = []
        _ = scan(curve, warmupEnd: warmupEnd, options: options) { best, start, end in
            if curve.logX[end] - curve.logX[start] >= options.riseSustain - 1e-12 { found.append((best, start, end)) }
        }
        return found
    }

    /// The running minimum past the warm-up and the start of the exceedance streak reaching the tip;
    /// `streak` hears of every streak (best node, first and last node) as it ends.
    static func scan(_ curve: SmoothedCurve, warmupEnd: Double, options: DiagnosticsOptions,
                     streak: ((Int, Int, Int) -> Void)? = nil) -> (best: Int, streakStart: Int?)? {
        guard let tip = curve.logX.indices.last, let first = curve.node(atOrBefore: warmupEnd).map({ $0 + 1 }) ?? Optional(0),
              first < tip else { return nil }
        let floor = log1p(options.riseFraction)
        var best = first
        var streakStart: Int?
        for j in first...tip {
            let v = curve.logLoss[j]
            if v < curve.logLoss[best] { best = j }
            let excess = v - curve.logLoss[best]
            let ej = curve.standardError(j), eb = curve.standardError(best)
            let error = (ej * ej + eb * eb).squareRoot()
            if excess > floor && excess > options.noiseZ * error {
                if streakStart == nil { streakStart = j }
            } else {
                if let start = streakStart { streak?(best, start, j - 1) }
                streakStart = nil
            }
        }
        if let start = streakStart { streak?(best, start, tip) }
        return (best, streakStart)
    }
}
