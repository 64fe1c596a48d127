import Foundation

/// Whether a run's declared learning-rate schedule explains a flat stretch: the annealing law
/// (`AnnealingCurveLaw`; the sweep's shared shape when there is one, else fitted to the run
/// itself), fitted to the run's points before the stretch, says where the run should have gone
/// since. A WSD stable phase, a constant LR or the low stage of a two-stage schedule gains little,
/// and the law knows it; a run that falls behind that path by more than the plateau rule allows is
/// still a plateau.
public enum ScheduleExpectation {
    /// The law fitted to a run's points through one step, read at later steps.
    public struct Expectation: Sendable, Equatable {
        /// ln of the law's loss at each step asked for.
        public var logLoss: [Double]
        /// Standard deviation (ln units) of the last of them: the fitted level's uncertainty and
        /// the law's own error, as a landing projection's `projected_band` has them.
        public var sigma: Double
    }

    /// The law's loss at `steps` (ascending, none before `fitThrough`), fitted to the run's points
    /// at or before `fitThrough`: under the sweep's law with the run's level held near the complete
    /// runs' (as its landing projection is), else under a law fitted to these points alone. A law
    /// fitted to the run alone is only as sure as its shape: it is fitted again without the latest
    /// quarter of those points (a cool-down the run has only begun says little of what follows),
    /// and how far that one's loss at the last step lies from this one's joins the spread. nil when
    /// it cannot be judged (too few points before `fitThrough`).
    public static func expectation(_ series: CurveSeries, schedule: LearningRateSchedule, landing: SweepLandingModel?,
                                   params: Double?, fitThrough: Double, steps: [Double]) -> Expectation? {
        guard let first = steps.first, let last = steps.last, first >= fitThrough else { return nil }
        let keep = series.step.firstIndex { $0.isFinite && $0 > fitThrough } ?? series.count
        var before = series.prefix(keep)
        before.plannedSteps = series.plannedSteps ?? last
        guard let curve = SweepLandingModel.annealingCurve(before, schedule: schedule, params: nil) else { return nil }
        let lossLevel = curve.losses.last ?? 1
        let looseOrNot = landing?.levelPrior(params: params, lossLevel: lossLevel)
        let prior = looseOrNot.map { (mean: $0.mean, spread: $0.spread) }
        /// The law's loss at `steps` and the variance of the last, the level fitted to every point.
        func path(_ law: AnnealingCurveLaw) -> (values: [Double], variance: Double)? {
            let seen = curve.steps.count
            let areas = AnnealingCurveLaw.areas(schedule, steps: curve.steps + steps, lambda: law.lambda)
            let u = zip(areas.s1, areas.s2).map { law.regressor(s1: $0, s2: $1) }
            guard u.count == seen + steps.count,
                  let level = AnnealingLevelFit(regressor: Array(u[..<seen]), losses: curve.losses, prior: prior) else { return nil }
            let values = u[seen...].map { level.value(at: $0) }
            guard values.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
            return (values, level.variance(at: u[u.count - 1]))
        }
        var shapeSpread = 0.0
        let fitted: (values: [Double], variance: Double)
        if let shared = landing?.annealing?.at(totalSteps: before.plannedSteps) {
            guard let value = path(shared) else { return nil }
            fitted = value
        } else {
            guard let own = AnnealingCurveLaw.fit([curve])?.law, let value = path(own) else { return nil }
            fitted = value
            let shorter = curve.steps.count * 3 / 4
            if let earlier = AnnealingCurveLaw.fit([AnnealingCurveLaw.Curve(
                steps: Array(curve.steps.prefix(shorter)), losses: Array(curve.losses.prefix(shorter)), schedule: schedule, params: nil)])?.law,
               let other = path(earlier) {
                shapeSpread = log(other.values[other.values.count - 1] / value.values[value.values.count - 1])
            }
        }
        let end = fitted.values[fitted.values.count - 1]
        let modelError = SweepLandingModel.modelError(prior: looseOrNot, lossLevel: lossLevel)
        let sigma = (fitted.variance / (end * end) + modelError * modelError + shapeSpread * shapeSpread).squareRoot()
        return Expectation(logLoss: fitted.values.map { log($0) }, sigma: sigma)
    }

    /// True when `finding` (a plateau, not a rise) is what the schedule predicts: over none of the
    /// plateau rule's windows did the run fall behind the schedule's path by the rule's margins.
    /// For each window, the law is fitted to the points before it and the run's points in it are
    /// read as ln L − ln L_law (`noise`: their spread), a line through 0 at the window's start; its
    /// value at the tip is the shortfall. The run fell behind when the law expects at least the
    /// rule's minimum gain over the window, the run made less than the rule's share of it, by
    /// `plateauZ` standard errors, and the shortfall lies outside the expectation's own 10–90 % band.
    public static func explains(_ finding: PlateauFinding, series: CurveSeries, noise: Double, schedule: LearningRateSchedule,
                                landing: SweepLandingModel?, params: Double?, options: DiagnosticsOptions) -> Bool {
        guard !finding.rising,
              let tip = series.x.indices.last(where: { series.x[$0] > 0 && series.step[$0].isFinite }) else { return false }
        let end = log(series.x[tip])
        var judged = false
        for w in PlateauRule.windows(options) {
            let knot = end - w
            guard let start = series.x.lastIndex(where: { $0 > 0 && log($0) <= knot + 1e-12 }), start < tip,
                  series.step[start].isFinite else { continue }
            let inside = ((start + 1)...tip).filter {
                series.x[$0] > 0 && series.step[$0].isFinite && series.step[$0] > series.step[start]
                    && series.loss[$0].isFinite && series.loss[$0] > 0
            }
            // Ascending steps for the law; a repeated step keeps its first point.
            let points = inside.enumerated().filter { $0.offset == 0 || series.step[$0.element] > series.step[inside[$0.offset - 1]] }.map(\.element)
            guard points.count >= 6,
                  let expected = expectation(series, schedule: schedule, landing: landing, params: params, fitThrough: series.step[start],
                                             steps: [series.step[start]] + points.map { series.step[$0] })
            else { continue }
            judged = true
            let gain = expected.logLoss[0] - expected.logLoss[expected.logLoss.count - 1]
            guard gain >= log1p(options.plateauMinimumExpectedGain) else { continue }
            let d = points.map { log(series.x[$0]) - knot }
            let r = points.indices.map { log(series.loss[points[$0]]) - expected.logLoss[$0 + 1] }
            guard let behind = AnchoredLine(d, r, noise: noise) else { continue }
            let shortfall = behind.slope * w, error = behind.slopeError * w
            if shortfall > (1 - options.plateauGainShare) * gain, shortfall > options.plateauZ * error,
               shortfall > LandingProjector.bandQuantile * expected.sigma {
                return false
            }
        }
        return judged
    }

    /// Least squares of r = slope·d (a line through the origin), residuals clipped at 3 σ and the
    /// fit redone; σ = max(`noise`, RMS of the clipped residuals).
    struct AnchoredLine {
        var slope: Double
        var slopeError: Double

        init?(_ d: [Double], _ r: [Double], noise: Double) {
            let sdd = zip(d, d).reduce(0) { $0 + $1.0 * $1.1 }
            guard d.count == r.count, d.count >= 2, sdd > 0 else { return nil }
            var slope = zip(d, r).reduce(0) { $0 + $1.0 * $1.1 } / sdd
            func rms(_ values: [Double]) -> Double {
                (zip(d, values).reduce(0) { $0 + ($1.1 - slope * $1.0) * ($1.1 - slope * $1.0) } / Double(max(d.count - 1, 1))).squareRoot()
            }
            let clip = 3 * max(noise, rms(r))
            let clipped = zip(d, r).map { slope * $0 + min(max($1 - slope * $0, -clip), clip) }
            slope = zip(d, clipped).reduce(0) { $0 + $1.0 * $1.1 } / sdd
            self.slope = slope
            slopeError = max(noise, rms(clipped)) / sdd.squareRoot()
        }
    }
}
