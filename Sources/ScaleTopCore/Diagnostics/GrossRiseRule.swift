import Foundation

/// A stretch over which a run's loss stood several times above its best: a blow-up, caught from a
/// handful of points whatever the noise estimate, the warm-up or the smoothing window would say.
public struct GrossRise: Sendable, Equatable {
    /// Indices into the series: the first point of the rise (where it left its best behind) and the
    /// last point before the loss came back near that best (the latest point while it has not).
    public var onsetIndex: Int
    public var endIndex: Int
    /// Highest finite loss over the stretch (NaN when every loss of it was NaN or infinite).
    public var peakLoss: Double
    /// The best loss before the rise (of the three-point medians).
    public var bestBefore: Double
    /// False while the loss is still far above its best at the latest point.
    public var recovered: Bool
}

/// Rule: let m(i) be the median of the three latest usable losses at point i, and b the lowest m
/// seen before. A rise is confirmed when m ≥ `grossRiseFactor` (2) · b at `grossRiseRun` (3)
/// consecutive points, and ln(m / b) is also more than 6 noise σ of the points before it (so that a
/// loss that is noisy by nature, not a language model's, is not called blown up by its noise alone);
/// `grossRiseRun` consecutive non-finite losses are a rise too. The stretch runs from the point where
/// m first left b·(1 + margin) behind to the last point before m came back under it, margin =
/// max(`riseFraction`, 3 σ): a loss that swings between ×1.3 and ×50 is one stretch, not many.
/// Linear in the points; nothing is estimated from inside the stretch itself.
public enum GrossRiseRule {
    public static func rises(in series: CurveSeries, options: DiagnosticsOptions) -> [GrossRise] {
        var scan = GrossRiseScan()
        scan.advance(series, options: options)
        return scan.rises
    }

    static func median3(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }

    /// Robust σ of ln loss over `indices` (MAD of successive differences), 0 with fewer than 8.
    static func noise<C: Collection>(_ series: CurveSeries, _ indices: C) -> Double where C.Element == Int {
        guard indices.count >= 8 else { return 0 }
        let logs = indices.map { log(series.loss[$0]) }
        return RobustSmoother.noise(logs)
    }
}

/// `GrossRiseRule`'s pass over a series, kept between looks: a series that only had points
/// appended is read on from where the last look stopped, with the same result as a pass from the start.
struct GrossRiseScan: Sendable {
    /// Points of the series read so far.
    private(set) var read = 0
    /// Usable (finite, positive) losses seen so far, as indices.
    private var usable: [Int] = []
    private var best = Double.infinity
    private var gross = 0
    private var broken = 0
    private var candidateMargin: Double?
    private var open: GrossRise?
    private var closed: [GrossRise] = []

    /// The rises found so far, the one under way last.
    var rises: [GrossRise] { open.map { closed + [$0] } ?? closed }

    /// Reads the points from `read` to the end of `series`, whose first `read` points must be those
    /// read before.
    mutating func advance(_ series: CurveSeries, options: DiagnosticsOptions) {
        let n = series.count
        // Too few points to judge: nothing is read yet.
        guard n >= options.grossRiseRun else { return }
        defer { read = n }
        for i in read..<max(read, n) {
            let loss = series.loss[i]
            guard series.x[i].isFinite, series.x[i] > 0 else { continue }
            if !loss.isFinite {
                broken += 1
                if open == nil, broken >= options.grossRiseRun, best.isFinite {
                    let first = i - broken + 1
                    open = GrossRise(onsetIndex: first, endIndex: i, peakLoss: .nan, bestBefore: best, recovered: false)
                }
                open?.endIndex = i
                continue
            }
            broken = 0
            guard loss > 0 else { continue }
            usable.append(i)
            guard usable.count >= 3 else {
                best = min(best, loss)
                continue
            }
            let m = GrossRiseRule.median3(series.loss[usable[usable.count - 1]], series.loss[usable[usable.count - 2]], series.loss[usable[usable.count - 3]])
            if var rise = open {
                let margin = candidateMargin ?? options.riseFraction
                if m <= rise.bestBefore * (1 + margin) {
                    rise.recovered = true
                    closed.append(rise)
                    open = nil
                    gross = 0
                    best = min(best, m)
                } else {
                    rise.endIndex = i
                    rise.peakLoss = rise.peakLoss.isFinite ? max(rise.peakLoss, loss) : loss
                    open = rise
                }
                continue
            }
            if best.isFinite, m >= options.grossRiseFactor * best {
                if gross == 0 {
                    // Noise of the points before the candidate, never of the rise itself.
                    let sigma = GrossRiseRule.noise(series, usable.dropLast(3).suffix(1024))
                    candidateMargin = max(options.riseFraction, 3 * sigma)
                    if log(m / best) <= 6 * sigma { continue }
                }
                gross += 1
                if gross >= options.grossRiseRun {
                    let margin = candidateMargin ?? options.riseFraction
                    // Back to the point where the loss left its best behind.
                    var k = usable.count - 1
                    while k >= 3 {
                        let previous = GrossRiseRule.median3(series.loss[usable[k - 1]], series.loss[usable[k - 2]], series.loss[usable[k - 3]])
                        if previous <= best * (1 + margin) { break }
                        k -= 1
                    }
                    let onset = usable[k]
                    var peak = 0.0
                    for j in onset...i where series.loss[j].isFinite { peak = max(peak, series.loss[j]) }
                    open = GrossRise(onsetIndex: onset, endIndex: i, peakLoss: peak, bestBefore: best, recovered: false)
                }
            } else {
                gross = 0
                best = min(best, m)
            }
        }
    }
}
