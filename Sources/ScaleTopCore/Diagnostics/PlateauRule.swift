import Foundation

/// `plateau`: the loss stopped improving while the run's own earlier trend (and the envelope fit,
/// when there is one) say it should still gain.
///
/// Rule — a broken-line (hinge) regression on the raw points, not a difference of smoothed ends:
/// at the latest point (ln x = T), for five windows w evenly spaced in ln x whose fraction of the
/// compute so far, 1 − e^−w, spans `plateauWindow` (20 %…50 %), with knot u = T − w:
/// 1. fit ln L = a + b·(ln x − u) + c·max(0, ln x − u) by least squares to every point past the
///    warm-up up to T (at least one window of history before the knot, 6 points on each side):
///    one straight trend in ln L against ln C before the knot, bending at the knot;
/// 2. spike points (more than `spikeFraction` and 6 σ above the median-smoothed curve, as
///    `LossSpikeDetector` has them) first pulled down to that bound, so a spike or the first points
///    of a blow-up cannot drag the lines; σ = the larger of the smoother's noise (MAD of successive
///    differences) and the RMS of the fit's residuals (each clipped at 3 σ and the fit redone); no
///    plateau is called while the latest half smoothing window holds such points (spike or jump?);
/// 3. expected gain over the window g_exp = −b·w (the trend carried forward), or the envelope fit's
///    ln L(e^u) − ln L(e^T) when that is smaller (FLOPs axis only); observed gain g = −(b + c)·w;
///    both from the same fit, so their standard errors come from its covariance and every point
///    of the window counts (the window's regression slope, anchored at the trend's level at u);
/// 4. plateau when g_exp ≥ ln(1 + `plateauMinimumExpectedGain`) (1 %), g < `plateauGainShare` (¼)
///    · g_exp and g_exp − max(g, 0) > `plateauZ` (4) standard errors, for some window, at every
///    node over the trailing `plateauSustain` (0: the latest point alone, the fit already pools the
///    window). g is clamped at 0: a window that *rose* is no better evidence of a plateau than a
///    flat one, and noise that makes a window rise must not make one;
/// 5. not before the warm-up has ended and a window of history has followed it, and not past
///    `plateauScheduleEnd` (90 %) of the planned compute: the last stretch of a cosine or linear
///    decay gains little once the rate is near its floor, which is the schedule, not a plateau.
///
/// Separately, a window whose own least-squares line (window points only, clipped likewise) *rose*
/// by more than `riseFraction` (3 %) and by more than `noiseZ` (3) standard errors, at every node
/// over the trailing `riseSustain`, is flagged `rising` (`RunDiagnostics` reports it as diverged);
/// this one is checked up to the end. (The hinge's own window line is not used for this: a knot
/// placed after a plateau's onset anchors it below the plateau, and it would climb to it.)
///
/// `RunDiagnostics` drops a plateau while the smoothed loss already sits above its best by the
/// divergence rule's margin (`DivergenceRule.exceedsBest`): that is a rise in the making.
///
/// How early a plateau can be told from noise, and why the rule waits as long as it does:
/// README, "Measurements behind the defaults".
public struct PlateauFinding: Sendable, Equatable {
    /// Relative gains over the window: observed and expected (e.g. 0.002 and 0.031); the observed
    /// one is negative for a window that rose.
    public var observedGain: Double
    public var expectedGain: Double
    /// Whether the envelope fit set the expectation (else the run's own trend did).
    public var expectationFromEnvelope: Bool
    /// Where the flat stretch begins (the window's start, the knot).
    public var windowStartLogX: Double
    /// The window's share of the compute so far (e.g. 0.2).
    public var windowFraction: Double
    /// (expected − observed gain) over its standard error (observed clamped at 0); for a rising
    /// finding, the rise over its standard error.
    public var z: Double
    /// The loss went *up* over the window by more than `riseFraction` and `noiseZ` standard errors:
    /// not a plateau but a rise (`RunDiagnostics` reports it as diverged).
    public var rising: Bool
}

public enum PlateauRule {
    /// `logX`/`logLoss`: the usable points (ln x non-decreasing), as the smoother read them.
    /// `scheduleEnd`: ln x past which no plateau is called (`plateauScheduleEnd` of the plan), if known.
    public static func evaluate(
        _ curve: SmoothedCurve, logX: [Double], logLoss: [Double], warmupEnd: Double, scheduleEnd: Double?,
        envelope: EnvelopeFit?, axisIsFlops: Bool, options: DiagnosticsOptions
    ) -> PlateauFinding? {
        guard let tip = curve.logX.indices.last, logX.count == logLoss.count, !logX.isEmpty else { return nil }
        let end = curve.logX[tip]
        // Spike points (as `LossSpikeDetector` defines them: more than `spikeFraction` and 6 σ above
        // the median-smoothed curve) are pulled down to that bound, so a spike or the first points of
        // a blow-up cannot drag the lines; ordinary noise and a clean steep stretch are untouched.
        let bound = max(log1p(options.spikeFraction), 6 * curve.noise)
        var clipped = logLoss
        var reader = SmoothedCurve.Reader(curve)
        for i in clipped.indices {
            let lx = min(max(logX[i], curve.logX[0]), end)
            guard let s = reader.value(atLogX: lx)?.logLoss else { continue }
            clipped[i] = min(clipped[i], s + bound)
        }
        // While the latest half window holds spike points, it is not yet known whether they are a
        // spike or a jump that stays up (a divergence): no plateau is called meanwhile.
        let spikeAtTip = (upperBound(logX, end - options.smoothingWindow / 2)..<logX.count).contains { clipped[$0] < logLoss[$0] }
        let logLoss = clipped
        var atTip: (plateau: PlateauFinding?, rising: PlateauFinding?) = (nil, nil)
        var plateauHolds = true
        var risingHolds = true
        var j = tip
        // A plateau must hold over the trailing `plateauSustain`, a rise over `riseSustain`.
        let sustain = max(options.plateauSustain, options.riseSustain)
        while j >= 0, end - curve.logX[j] <= sustain + 1e-12 {
            let hit = check(logX: logX, logLoss: logLoss, count: upperBound(logX, curve.logX[j] + 1e-12), noise: curve.noise,
                            warmupEnd: warmupEnd, scheduleEnd: scheduleEnd, envelope: axisIsFlops ? envelope : nil,
                            options: options)
            if j == tip { atTip = hit }
            if end - curve.logX[j] <= options.riseSustain + 1e-12 { risingHolds = risingHolds && hit.rising != nil }
            if end - curve.logX[j] <= options.plateauSustain + 1e-12 { plateauHolds = plateauHolds && hit.plateau != nil }
            if !risingHolds && !plateauHolds { return nil }
            j -= 1
        }
        return risingHolds ? atTip.rising : spikeAtTip ? nil : atTip.plateau
    }

    /// The five window widths (ln x) that `plateauWindow` spans.
    static func windows(_ options: DiagnosticsOptions) -> [Double] {
        let lo = -log1p(-options.plateauWindow.lowerBound), hi = -log1p(-options.plateauWindow.upperBound)
        return hi > lo ? (0..<5).map { lo + (hi - lo) * Double($0) / 4 } : [lo]
    }

    /// The best plateau and rising findings over the windows, for the first `count` points.
    static func check(
        logX: [Double], logLoss: [Double], count: Int, noise: Double, warmupEnd: Double, scheduleEnd: Double?,
        envelope: EnvelopeFit?, options: DiagnosticsOptions
    ) -> (plateau: PlateauFinding?, rising: PlateauFinding?) {
        guard count > 0 else { return (nil, nil) }
        let t = logX[count - 1]
        let first = upperBound(logX, warmupEnd)
        var plateau: PlateauFinding?
        var rising: PlateauFinding?
        let plateauAllowed = scheduleEnd.map { t <= $0 } ?? true
        for w in windows(options) {
            let u = t - w
            guard u - warmupEnd >= w - 1e-12,
                  let fit = HingeFit(logX: logX, logLoss: logLoss, from: first, to: count, knot: u, noise: noise)
            else { continue }
            let observed = -(fit.slope + fit.bend) * w
            let observedError = fit.observedSlopeError * w
            let fraction = -expm1(-w)
            // A rise over the window, by the window's own line (the hinge's window line is anchored to
            // the trend at the knot, which a knot placed after a plateau's onset puts below the plateau:
            // that line would climb to it).
            if let own = WindowLineFit(logX: logX, logLoss: logLoss, from: upperBound(logX, u), to: count, noise: fit.sigma) {
                let rise = own.slope * w, riseError = own.slopeError * w
                if rise > log1p(options.riseFraction), rise > options.noiseZ * riseError {
                    let z = rise / riseError
                    if rising.map({ z > $0.z }) ?? true {
                        rising = PlateauFinding(
                            observedGain: -expm1(rise), expectedGain: -expm1(fit.slope * w), expectationFromEnvelope: false,
                            windowStartLogX: u, windowFraction: fraction, z: z, rising: true)
                    }
                }
            }
            guard plateauAllowed else { continue }
            var expected = -fit.slope * w
            var error = fit.bendError * w
            var fromEnvelope = false
            if let envelope {
                let lNow = envelope.loss(at: exp(t)), lThen = envelope.loss(at: exp(u))
                if lNow.isFinite, lThen.isFinite, lNow > 0, lThen > 0 {
                    let gain = log(lThen) - log(lNow)
                    if gain < expected {
                        expected = gain
                        error = observedError
                        fromEnvelope = true
                    }
                }
            }
            guard expected >= log1p(options.plateauMinimumExpectedGain),
                  observed < options.plateauGainShare * expected, error > 0 else { continue }
            let z = (expected - max(observed, 0)) / error
            guard z > options.plateauZ, plateau.map({ z > $0.z }) ?? true else { continue }
            plateau = PlateauFinding(
                observedGain: -expm1(-observed), expectedGain: -expm1(-expected), expectationFromEnvelope: fromEnvelope,
                windowStartLogX: u, windowFraction: fraction, z: z, rising: false)
        }
        return (plateau, rising)
    }

    /// First index whose value exceeds `value` (values non-decreasing).
    static func upperBound(_ values: [Double], _ value: Double) -> Int {
        values.partitionPoint { $0 <= value }
    }
}
