import Foundation

/// `plateau`: the smoothed loss stopped improving while the run's own earlier trend (and the envelope
/// fit, when there is one) say it should still gain.
///
/// Rule, at the latest point x (ln x = t), with w = −ln(1 − `plateauWindow`) (the last 25 % of the
/// compute so far):
/// - observed gain   g = s(t − w) − s(t), s the smoothed ln loss;
/// - trend's gain    g_trend = −w × the slope of s against ln x fitted over [t − 4w, t − w] (the run's
///                   own slope of ln L against ln C before the window, carried forward; at least
///                   one window of post-warm-up history is needed);
/// - envelope's gain g_env = ln L(e^(t−w)) − ln L(e^t) of the envelope fit, when the axis is FLOPs;
/// - expected gain   g_exp = min(g_trend, g_env) (the more modest expectation: a run near its own
///                   floor flattens faster than the frontier, and an early steep fall is not a promise);
/// - plateau when    g_exp ≥ ln(1 + `plateauMinimumExpectedGain`) and g < `plateauGainShare` · g_exp
///                   and g_exp − g > `plateauZ` (4) · its standard error, at every node over the trailing
///                   `plateauSustain`.
/// A window over which the loss significantly *rose* is flagged `rising`: the run is diverging.
/// End-of-schedule slow-downs do not trip it: annealing makes a cosine or WSD run gain faster over
/// the last quarter of its compute, and the last few flat percent are well inside one window.
public struct PlateauFinding: Sendable, Equatable {
    /// Relative gains over the window: observed and expected (e.g. 0.002 and 0.031).
    public var observedGain: Double
    public var expectedGain: Double
    /// Whether the envelope fit set the expectation (else the run's own trend did).
    public var expectationFromEnvelope: Bool
    /// Where the flat stretch begins (the window's start).
    public var windowStartLogX: Double
    /// The loss went *up* over the window by more than `noiseZ` standard errors: not a plateau but
    /// a rise (`RunDiagnostics` reports it as diverged).
    public var rising: Bool
}

public enum PlateauRule {
    public static func evaluate(
        _ curve: SmoothedCurve, warmupEnd: Double, envelope: EnvelopeFit?, axisIsFlops: Bool,
        options: DiagnosticsOptions
    ) -> PlateauFinding? {
        guard let tip = curve.logX.indices.last else { return nil }
        let w = -log1p(-options.plateauWindow)
        let end = curve.logX[tip]
        var finding: PlateauFinding?
        var j = tip
        while j >= 0, end - curve.logX[j] <= options.plateauSustain + 1e-12 {
            guard let hit = check(curve, at: j, window: w, warmupEnd: warmupEnd,
                                  envelope: axisIsFlops ? envelope : nil, options: options) else { return nil }
            if j == tip { finding = hit }
            j -= 1
        }
        return finding
    }

    static func check(
        _ curve: SmoothedCurve, at j: Int, window w: Double, warmupEnd: Double, envelope: EnvelopeFit?,
        options: DiagnosticsOptions
    ) -> PlateauFinding? {
        let t = curve.logX[j]
        guard let then = curve.value(atLogX: t - w), let trend = trendGain(curve, from: max(warmupEnd, t - 4 * w), to: t - w, window: w)
        else { return nil }
        let now = (curve.logLoss[j], curve.standardError(j))
        let observed = then.logLoss - now.0
        var expected = trend.gain
        var expectedError = trend.error
        var fromEnvelope = false
        if let fit = envelope {
            let lNow = fit.loss(at: exp(t)), lThen = fit.loss(at: exp(t - w))
            if lNow.isFinite, lThen.isFinite, lNow > 0 {
                let gain = log(lThen) - log(lNow)
                if gain < expected {
                    expected = gain
                    expectedError = 0
                    fromEnvelope = true
                }
            }
        }
        guard expected >= log1p(options.plateauMinimumExpectedGain),
              observed < options.plateauGainShare * expected else { return nil }
        let error = (expectedError * expectedError + then.error * then.error + now.1 * now.1).squareRoot()
        guard expected - observed > options.plateauZ * error else { return nil }
        return PlateauFinding(
            observedGain: -expm1(-observed), expectedGain: -expm1(-expected),
            expectationFromEnvelope: fromEnvelope, windowStartLogX: t - w,
            rising: -observed > options.noiseZ * (then.error * then.error + now.1 * now.1).squareRoot())
    }

    /// The gain over a width `w` that the run's trend before the window promises: −w × the
    /// least-squares slope of the smoothed nodes over [from, to] (at least one window wide), with its
    /// standard error (doubled, since neighbouring nodes share most of their points).
    static func trendGain(_ curve: SmoothedCurve, from: Double, to: Double, window w: Double) -> (gain: Double, error: Double)? {
        guard to - from >= w - 1e-12, let last = curve.node(atOrBefore: to) else { return nil }
        let first = (curve.node(atOrBefore: from - 1e-12).map { $0 + 1 }) ?? 0
        let n = last - first + 1
        guard n >= 4 else { return nil }
        var sx = 0.0, sy = 0.0
        for i in first...last { sx += curve.logX[i]; sy += curve.logLoss[i] }
        let mx = sx / Double(n), my = sy / Double(n)
        var sxx = 0.0, sxy = 0.0
        for i in first...last {
            let dx = curve.logX[i] - mx
            sxx += dx * dx
            sxy += dx * (curve.logLoss[i] - my)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        var rss = 0.0
        for i in first...last {
            let r = curve.logLoss[i] - my - slope * (curve.logX[i] - mx)
            rss += r * r
        }
        let slopeError = 2 * (rss / Double(max(n - 2, 1)) / sxx).squareRoot()
        return (-slope * w, slopeError * w)
    }
}
