import Foundation

/// One point of a projected remainder: compute (FLOPs) and the loss expected there.
public struct LandingPathPoint: Sendable, Equatable {
    public var x: Double
    public var loss: Double

    public init(x: Double, loss: Double) {
        self.x = x
        self.loss = loss
    }
}

/// The loss a running run is expected to follow from its latest (smoothed) point to its projected
/// end, for drawing: the shape of the model the projection came from, pinned at both ends (the
/// smoothed loss now, the projected loss at the planned compute), so the curve and the ◇ agree.
/// - With a declared schedule, the annealing law's regressor u = S1^−α − κ·S2 under the run's own
///   schedule: L moves from now to the end in proportion to u, so a WSD run stays level through
///   its stable phase and drops in its cool-down, a two-stage run steps down at its switch.
/// - From the sweep's L(N, D) (no schedule): L(N, D) along the run's tokens plus the finished
///   runs' mean excess over their final loss at each share of their plan (a cosine run's end drop).
/// - From the run's own fit e + k·(c/c_now)^−γ: that curve.
/// - Otherwise a straight line in log-log.
public enum LandingPath {
    /// Points drawn between now and the planned end, spaced evenly in ln compute.
    public static let pointCount = 64

    /// The path of `projection` (empty when the run has no projection still ahead of it).
    public static func points(_ projection: LandingProjection, series: CurveSeries, curve: SmoothedCurve,
                              context: RunDiagnosticsContext) -> [LandingPathPoint] {
        guard series.axis == .flops, let planned = projection.finalFlops, let projected = projection.projectedLoss,
              projected > 0, projected.isFinite, let tip = curve.logX.indices.last else { return [] }
        let xNow = exp(curve.logX[tip]), lossNow = curve.loss(tip)
        guard xNow > 0, planned > xNow * (1 + 1e-9), lossNow > 0, lossNow.isFinite else { return [] }
        let xs = (0..<pointCount).map { xNow * pow(planned / xNow, Double($0) / Double(pointCount - 1)) }
        // ln L of the model's shape at each x (any offset: both ends are pinned below).
        let shape = scheduleShape(projection, series: series, xs: xs, context: context)
            ?? sweepShape(projection, series: series, xs: xs, context: context)
            ?? ownFitShape(projection, xs: xs)
        let startLog = log(lossNow), endLog = log(projected)
        return xs.indices.map { i in
            let w = Double(i) / Double(pointCount - 1)
            var value = startLog + (endLog - startLog) * w
            if let shape, shape[0].isFinite, shape[pointCount - 1].isFinite, shape[i].isFinite {
                let (a, b) = (shape[0], shape[pointCount - 1])
                // The shape between its ends mapped onto (startLog, endLog); a flat shape stays a line.
                if abs(b - a) > 1e-9 { value = startLog + (endLog - startLog) * (shape[i] - a) / (b - a) }
            }
            return LandingPathPoint(x: xs[i], loss: exp(value))
        }
    }

    /// Under the annealing law and the run's schedule: L = L0 + A·u, so ln L's shape is u's
    /// (linear in u between the pinned ends, which keeps A's sign from the two ends).
    static func scheduleShape(_ p: LandingProjection, series: CurveSeries, xs: [Double], context: RunDiagnosticsContext) -> [Double]? {
        guard p.schedule != nil, case let .success(schedule)? = context.schedule, let law = context.landing?.annealing?.at(totalSteps: series.plannedSteps),
              let total = series.plannedSteps, total > 0, let planned = p.finalFlops else { return nil }
        let flopsPerStep = planned / total
        let steps = xs.map { min($0 / flopsPerStep, total) }
        // A coarser grid than the fit's: a drawing needs a few hundred steps, not thousands.
        let areas = AnnealingCurveLaw.areas(schedule, steps: steps, lambda: law.lambda, gridSize: 600)
        guard areas.s1.count == xs.count else { return nil }
        return zip(areas.s1, areas.s2).map { law.regressor(s1: $0, s2: $1) }
    }

    /// From the sweep's L(N, D) and the finished runs' mean fall beyond it at each share of the plan.
    static func sweepShape(_ p: LandingProjection, series: CurveSeries, xs: [Double], context: RunDiagnosticsContext) -> [Double]? {
        guard p.schedule == nil, p.e == nil, let model = context.landing, let planned = p.finalFlops else { return nil }
        let n = context.params
        var values: [Double] = []
        for x in xs {
            let share = x / planned
            var value = 0.0
            if let law = model.law, let n {
                value += log(law.loss(params: n, tokens: x / (6 * n)))
            }
            // The finished runs' mean fall at this share beyond what L(N, D) explains (all of it
            // without a law).
            if let excess = model.meanExcess(atShare: share) { value += excess }
            values.append(value)
        }
        return values
    }

    /// The run's own fit l(c) = e + k·(c/c_now)^−γ, c_now the first x.
    static func ownFitShape(_ p: LandingProjection, xs: [Double]) -> [Double]? {
        guard let e = p.e, let k = p.k, let gamma = p.gamma, let now = xs.first else { return nil }
        return xs.map { log(max(e + k * pow($0 / now, -gamma), 1e-12)) }
    }
}
