import Foundation

/// How far the envelope fit can be trusted at the target, beyond what the bootstrap band says.
/// The bootstrap resamples the points there are; it cannot know that a law fitted to a few
/// points, or over a short stretch of compute, or without an identifiable E, may be the wrong
/// law. So:
/// - no extrapolation at all when fewer than `minimumPoints` envelope points lie past the
///   warm-up, they span less than `minimumSpanDecades` of compute, or the target lies more
///   than `maximumReach` times that span (in decades) beyond them;
/// - a widened band when E is not identifiable (the band then also reaches the prediction of
///   the law with E, fitted anyway), and when fewer than `comfortablePoints` points lie past the
///   warm-up or the target lies more than `comfortableReach` times the fitted span (in decades)
///   beyond it, or the envelope's far end comes from a run still in progress (its loss there
///   is mid-schedule, above where the run will end) (the band then also reaches ±
///   `extrapolationError` × ln(target / last fitted compute) of the prediction, the empirical
///   error of extrapolating one run's curve used by the landing projection).
public enum ExtrapolationCheck {
    public static let minimumPoints = 5
    public static let minimumSpanDecades = 0.3
    public static let comfortablePoints = 30
    public static let comfortableReach = 1.0
    public static let maximumReach = 3.0
    public static let extrapolationError = 0.03

    public struct Outcome: Sendable, Equatable {
        /// The band to show (the bootstrap band, widened or not; nil when withheld).
        public var band: EnvelopeBand?
        /// Why the band was widened (`E not identifiable`, `12 envelope points past warm-up`), or nil.
        public var widenedBecause: String?
        /// Why there is no loss at the target (`only 3 envelope points past warm-up`), or nil.
        public var withheldBecause: String?
    }

    /// - Parameters:
    ///   - fitPoints: the frontier samples the fit used (past the warm-up).
    ///   - envelope: the sweep's compute envelope; its entries within the samples' compute range
    ///     are the real points behind them.
    ///   - isStillRunning: whether the run of that index (an envelope entry's `run`) is still on
    ///     its way to a planned end.
    public static func assess(
        fit: EnvelopeFit, band: EnvelopeBand?, fitPoints: [ComputeLossPoint], envelope: ComputeEnvelope, target: Double,
        isStillRunning: (Int) -> Bool = { _ in false }
    ) -> Outcome {
        let computes = fitPoints.map(\.compute).filter { $0 > 0 && $0.isFinite }
        guard let lowest = computes.min(), let highest = computes.max() else {
            return Outcome(band: nil, widenedBecause: nil, withheldBecause: "no envelope points past warm-up")
        }
        let points = envelope.entries.reduce(0) { $0 + ($1.flops >= lowest && $1.flops <= highest ? 1 : 0) }
        let span = log10(highest / lowest)
        if points < minimumPoints {
            return Outcome(band: nil, widenedBecause: nil, withheldBecause: "only \(points) envelope point\(points == 1 ? "" : "s") past warm-up")
        }
        if span < minimumSpanDecades {
            return Outcome(band: nil, widenedBecause: nil, withheldBecause: "the envelope past warm-up spans only \(NumberText.fixed(span, digits: 2)) decades of compute")
        }
        let reach = target > highest ? log10(target / highest) : 0
        if reach > maximumReach * span {
            return Outcome(band: nil, widenedBecause: nil, withheldBecause: "target \(NumberText.fixed(reach, digits: 1)) decades past a fit over \(NumberText.fixed(span, digits: 1))")
        }
        let predicted = fit.loss(at: target)
        guard var band, predicted.isFinite else { return Outcome(band: band) }
        var reasons: [String] = []
        if fit.isPurePowerLaw {
            reasons.append("E not identifiable")
            if let withE = fit.saturatingLoss(at: target), withE.isFinite {
                band.low = min(band.low, withE)
                band.high = max(band.high, withE)
            }
        }
        let farEnd = envelope.entries.last { $0.flops <= highest * (1 + 1e-12) }
        let farEndRunning = farEnd.map { isStillRunning($0.run) } ?? false
        if points < comfortablePoints || reach > comfortableReach * span || farEndRunning {
            reasons.append(points < comfortablePoints
                ? "\(points) envelope points past warm-up"
                : reach > comfortableReach * span
                ? "target \(NumberText.fixed(reach, digits: 1)) decades past a fit over \(NumberText.fixed(span, digits: 1))"
                : "the envelope's far end is a run in progress")
            let margin = extrapolationError * log(max(target / highest, 1)) * predicted
            band.low = min(band.low, predicted - margin)
            band.high = max(band.high, predicted + margin)
        }
        return Outcome(band: band, widenedBecause: reasons.isEmpty ? nil : reasons.joined(separator: ", "), withheldBecause: nil)
    }
}
