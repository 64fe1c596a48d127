import Foundation

/// The LR-annealing loss-curve law of Tissue et al. 2024 (arXiv 2408.11029):
/// L(s) = L0 + A·S1(s)^−α − C·S2(s), where S1 is the sum of the learning rate over the steps so far
/// (the "forward area") and S2 the annealing area: S2 = Σ m_i, m_i = λ·m_{i−1} + (η_{i−1} − η_i),
/// the LR decreases felt with a momentum λ that makes a cool-down's drop come gradually. Chosen
/// over the Multi-Power Law (Luo et al. 2025) because for fixed (α, λ) it is linear in its other
/// parameters, so it fits in closed form over a small grid, fast enough to refit a sweep live.
///
/// Across a sweep, α, λ and the ratio κ = C/A (the strength of the annealing drop relative to the
/// power-law term) are shared; each run has its own L0 and A. The LR enters the sums relative to
/// the run's own peak (S1 in steps at the peak), as in the Multi-Power Law: sizes tuned to
/// different peak LRs then share one shape. In absolute LR a run's κ would scale as peak^(1+α),
/// so no shared κ fits a sweep whose peak LR changes with size.
///
/// With S1 counted in steps, A takes in the tokens a step (the power term is one of tokens seen),
/// while the drop, felt after about 1/(1−λ) steps whatever the run's length, does not: so the drop's
/// strength relative to the power term moves with the run's planned length T. A run planned to T
/// steps has κ(T) = κ·(T/T_ref)^δ, δ fitted with the rest when the finished runs' lengths differ
/// (0 when they are one length). (By N instead of T, a sweep whose schedules change with size, as
/// `scaletop simulate`'s, mistook the schedules' differences for a trend in N.)
public struct AnnealingCurveLaw: Sendable, Equatable {
    public var alpha: Double
    public var lambda: Double
    public var kappa: Double
    /// δ: how κ moves with the run's planned steps, and the planned steps at which κ is `kappa`.
    public var lengthExponent: Double = 0
    public var referenceSteps: Double = 1

    public init(alpha: Double, lambda: Double, kappa: Double, lengthExponent: Double = 0, referenceSteps: Double = 1) {
        self.alpha = alpha
        self.lambda = lambda
        self.kappa = kappa
        self.lengthExponent = lengthExponent
        self.referenceSteps = referenceSteps
    }

    /// The law for a run planned to `totalSteps`: κ moved to its length (unchanged without one).
    public func at(totalSteps: Double?) -> AnnealingCurveLaw {
        guard let totalSteps, totalSteps > 0, lengthExponent != 0, referenceSteps > 0 else { return self }
        var law = self
        law.kappa = kappa * pow(totalSteps / referenceSteps, lengthExponent)
        law.lengthExponent = 0
        law.referenceSteps = totalSteps
        return law
    }

    /// S1 and S2 of `schedule` at each of `steps` (ascending), on a grid of at most `gridSize`
    /// intervals, the LR taken relative to the schedule's peak. LR changes before the schedule's
    /// peak (the warm-up) add no annealing area.
    public static func areas(_ schedule: LearningRateSchedule, steps: [Double], lambda: Double, gridSize: Int = 3000) -> (s1: [Double], s2: [Double]) {
        guard let last = steps.last, last > 0 else { return ([], []) }
        let width = max(1, last / Double(gridSize))
        let decay = pow(lambda, width)
        let peak = schedule.peakStep
        let scale = schedule.peakLR > 0 ? 1 / schedule.peakLR : 1
        // The steps asked for grow, so the knot before each is found by walking on from the last
        // one: the same LR as `schedule.lr(atStep:)` without a binary search at every grid point.
        let knots = schedule.knots
        var knot = 0
        func relative(_ step: Double) -> Double {
            guard let first = knots.first else { return 0 }
            if step <= first.step { return first.lr * scale }
            if knots[knot].step > step { knot = 0 }
            while knot + 1 < knots.count && knots[knot + 1].step <= step { knot += 1 }
            guard knot + 1 < knots.count else { return knots[knot].lr * scale }
            let a = knots[knot], b = knots[knot + 1]
            guard b.step > a.step else { return b.lr * scale }
            return (a.lr + (b.lr - a.lr) * (step - a.step) / (b.step - a.step)) * scale
        }
        var s1 = [Double](), s2 = [Double]()
        s1.reserveCapacity(steps.count)
        s2.reserveCapacity(steps.count)
        var sum1 = 0.0, sum2 = 0.0, momentum = 0.0
        var position = 0.0
        var previous = relative(0)
        for target in steps {
            while position + width <= target + 1e-9 {
                let next = position + width
                let lr = relative(next)
                let change = position >= peak ? previous - lr : 0
                // m over the interval's steps: the decay of the old momentum and the new change.
                momentum = decay * momentum + change
                sum1 += 0.5 * (previous + lr) * width
                sum2 += momentum * width
                previous = lr
                position = next
            }
            let rest = target - position
            let lr = relative(target)
            s1.append(sum1 + 0.5 * (previous + lr) * rest)
            s2.append(sum2 + momentum * rest)
        }
        return (s1, s2)
    }

    /// The regressor u = S1^−α − κ·S2 for which L = L0 + A·u (κ as is: `at(totalSteps:)` first
    /// moves it to a run's length).
    public func regressor(s1: Double, s2: Double) -> Double {
        pow(max(s1, 1e-12), -alpha) - kappa * s2
    }

    /// One run's samples: steps (past warm-up), losses and its schedule.
    public struct Curve: Sendable {
        public var steps: [Double]
        public var losses: [Double]
        public var schedule: LearningRateSchedule
        public var params: Double?
        /// The run's planned steps.
        public var totalSteps: Double?
        public init(steps: [Double], losses: [Double], schedule: LearningRateSchedule, params: Double?, totalSteps: Double? = nil) {
            self.totalSteps = totalSteps
            self.steps = steps
            self.losses = losses
            self.schedule = schedule
            self.params = params
        }
    }

    /// Per-run level (L0, A) of a fitted sweep.
    public struct Level: Sendable, Equatable {
        public var l0: Double
        public var a: Double
        public var params: Double?
        public var residual: Double
    }

    static let lambdas = [0.99, 0.995, 0.998, 0.999, 0.9995]
    static let alphas = (0..<20).map { 0.08 * pow(20, Double($0) / 19) }
    /// κ as multiples of the sweep's scale (the power term's range over S2's largest value).
    /// δ, the exponent of κ in the planned steps, tried when the finished runs' lengths differ.
    static let lengthExponents = (0..<13).map { -0.9 + 0.1 * Double($0) }
    static let kappaMultiples = [0] + (0..<24).map { 0.01 * pow(400, Double($0) / 23) }

    /// Curves and points a fit reads at most: a sweep of hundreds of finished runs is sampled
    /// evenly (the shared shape does not need them all), each curve thinned evenly.
    static let curvesFitted = 32
    static let pointsPerCurve = 200

    /// Fits the shared (α, λ, κ) and each run's (L0, A) to `curves` (finished runs) by least squares:
    /// a grid over (λ, α, κ), then a finer one around the best. nil without a curve of 8 points.
    /// `keeping` a law fitted before (to nearly the same curves), only each curve's level is
    /// fitted under it.
    public static func fit(_ curves: [Curve], keeping kept: AnnealingCurveLaw? = nil) -> (law: AnnealingCurveLaw, levels: [Level])? {
        var usable = curves.filter { $0.steps.count >= 8 }
        guard !usable.isEmpty else { return nil }
        if usable.count > curvesFitted {
            let stride = Double(usable.count - 1) / Double(curvesFitted - 1)
            usable = (0..<curvesFitted).map { usable[Int((Double($0) * stride).rounded())] }
        }
        usable = usable.map { curve in
            guard curve.steps.count > pointsPerCurve else { return curve }
            let stride = Double(curve.steps.count - 1) / Double(pointsPerCurve - 1)
            let picks = (0..<pointsPerCurve).map { Int((Double($0) * stride).rounded()) }
            return Curve(steps: picks.map { curve.steps[$0] }, losses: picks.map { curve.losses[$0] }, schedule: curve.schedule, params: curve.params, totalSteps: curve.totalSteps)
        }
        var areasByLambda: [Double: [(s1: [Double], s2: [Double])]] = [:]
        func areas(_ lambda: Double) -> [(s1: [Double], s2: [Double])] {
            if let cached = areasByLambda[lambda] { return cached }
            let value = usable.map { Self.areas($0.schedule, steps: $0.steps, lambda: lambda) }
            areasByLambda[lambda] = value
            return value
        }
        /// Per run, the sums a least-squares line of loss on u = p − κ·S2 needs (p = S1^−α), so
        /// that each κ costs a few operations a run rather than a pass over its points.
        struct Sums { var n = 0.0, p = 0.0, s = 0.0, y = 0.0, pp = 0.0, ps = 0.0, ss = 0.0, py = 0.0, sy = 0.0, yy = 0.0 }
        // ln(T/T_ref) of each curve (0 without a planned end), T_ref the lengths' geometric mean;
        // δ is fitted only when the planned lengths span more than a factor of 1.5.
        let logLengths = usable.map { $0.totalSteps.flatMap { $0 > 0 ? log($0) : nil } }
        let known = logLengths.compactMap { $0 }
        // A kept law keeps its reference length, so its κ at each run's length stays what it was.
        let logReference = kept.map { log($0.referenceSteps) } ?? (known.isEmpty ? 0 : known.reduce(0, +) / Double(known.count))
        let lengthOffsets = logLengths.map { $0.map { $0 - logReference } ?? 0 }
        let spansLengths = (known.max() ?? 0) - (known.min() ?? 0) > log(1.5)
        let deltas = spansLengths ? lengthExponents : [0.0]
        func evaluate(_ sums: [Sums], kappa baseKappa: Double, delta: Double) -> (sse: Double, levels: [Level]) {
            var sse = 0.0
            var levels: [Level] = []
            for (j, t) in sums.enumerated() {
                let kappa = delta == 0 ? baseKappa : baseKappa * exp(delta * lengthOffsets[j])
                let su = t.p - kappa * t.s, suu = t.pp - 2 * kappa * t.ps + kappa * kappa * t.ss, suy = t.py - kappa * t.sy
                let sxx = suu - su * su / t.n, sxy = suy - su * t.y / t.n, syy = t.yy - t.y * t.y / t.n
                guard sxx > 0 else { return (.infinity, []) }
                let slope = sxy / sxx
                let residual = max(syy - slope * sxy, 0)
                sse += residual
                levels.append(Level(l0: (t.y - slope * su) / t.n, a: slope, params: usable[j].params,
                                    residual: (residual / max(t.n - 2, 1)).squareRoot()))
            }
            return (sse, levels)
        }
        var best: (sse: Double, law: AnnealingCurveLaw, levels: [Level])?
        /// Every κ of `kappas` at (α, λ); `kappas` is given the κ scale (the power term's range
        /// over S2's largest value).
        func consider(alpha: Double, lambda: Double, deltas: [Double], kappas: (Double) -> [Double]) {
            var sums: [Sums] = []
            var powerRange = 0.0, s2max = 0.0
            for (j, area) in areas(lambda).enumerated() {
                var t = Sums()
                var lo = Double.infinity, hi = -Double.infinity
                for i in area.s1.indices {
                    let p = pow(max(area.s1[i], 1e-12), -alpha), s = area.s2[i], y = usable[j].losses[i]
                    t.n += 1; t.p += p; t.s += s; t.y += y; t.pp += p * p; t.ps += p * s; t.ss += s * s
                    t.py += p * y; t.sy += s * y; t.yy += y * y
                    lo = min(lo, p); hi = max(hi, p); s2max = max(s2max, s)
                }
                powerRange = max(powerRange, hi - lo)
                sums.append(t)
            }
            let unit = s2max > 0 ? powerRange / s2max : 0
            for kappa in kappas(unit) {
                for delta in kappa == 0 ? [0] : deltas {
                    let result = evaluate(sums, kappa: kappa, delta: delta)
                    if result.sse < (best?.sse ?? .infinity) {
                        best = (result.sse, AnnealingCurveLaw(alpha: alpha, lambda: lambda, kappa: kappa, lengthExponent: delta,
                                                              referenceSteps: exp(logReference)), result.levels)
                    }
                }
            }
        }
        if let kept {
            consider(alpha: kept.alpha, lambda: kept.lambda, deltas: [kept.lengthExponent]) { _ in [kept.kappa] }
            return best.map { ($0.law, $0.levels) }
        }
        for lambda in lambdas {
            for alpha in alphas {
                consider(alpha: alpha, lambda: lambda, deltas: deltas) { unit in unit > 0 ? kappaMultiples.map { $0 * unit } : [0] }
            }
        }
        // Refine α and κ around the best by shrinking steps.
        guard var current = best?.law else { return nil }
        var alphaStep = 0.08, kappaStep = 0.15, deltaStep = spansLengths ? 0.06 : 0
        for _ in 0..<12 {
            for da in [-1.0, 0, 1] {
                let alpha = current.alpha * exp(da * alphaStep)
                let deltas = deltaStep == 0 ? [current.lengthExponent] : [-1.0, 0, 1].map { current.lengthExponent + $0 * deltaStep }
                consider(alpha: alpha, lambda: current.lambda, deltas: deltas) { unit in
                    current.kappa == 0 ? [0, unit * 0.005] : [-1.0, 0, 1].map { current.kappa * exp($0 * kappaStep) }
                }
            }
            if best!.law == current { alphaStep /= 2; kappaStep /= 2; deltaStep /= 2 } else { current = best!.law }
        }
        return best.map { ($0.law, $0.levels) }
    }

    /// y = intercept + slope·x by least squares.
    static func linearFit(_ x: [Double], _ y: [Double]) -> (intercept: Double, slope: Double, sse: Double)? {
        let n = Double(x.count)
        guard x.count >= 2 else { return nil }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for i in x.indices { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        let intercept = my - slope * mx
        var sse = 0.0
        for i in x.indices { let r = y[i] - intercept - slope * x[i]; sse += r * r }
        return (intercept, slope, sse)
    }
}
