import Foundation
import ScaleTopCore

/// The noiseless loss of a healthy simulated run under its learning-rate schedule, in the form of
/// the Multi-Power Law (Luo et al. 2025, arXiv 2503.12811):
///
///     L(p) = E + A/N^α + B/(D·S1(p))^β − LD(p)
///
/// with p the share of the planned tokens D seen, S1 the learning rate's sum so far in units of the
/// peak and of the run, the warm-up's ramp counted as if at the peak (so a constant LR gives
/// S1 = p: such a run follows Chinchilla's L(N, D) exactly), and the annealing drop
///
///     LD(p) = dropScale · Σ_k (η_{k−1} − η_k) · G(η_k^−γ · S_k(p)),   G(x) = 1 − (c·x + 1)^−β_d,
///
/// η the LR relative to its peak on a grid of the run, S_k(p) the LR's sum from grid step k to p:
/// every decrease of the LR lowers the loss, gradually as training goes on at the lower rate. The
/// drop's scale is a share (`dropShare`) of the law's data term B/D^β at the planned end, so runs
/// of any size feel a cool-down alike, and an annealed run ends below the constant-LR run of its
/// size, a WSD cool-down a little below a cosine, as published sweeps find (README: the gaps).
/// The sums are taken once per run on a grid (`gridSize` steps) and read by interpolation.
public struct ScheduledLossLaw: Sendable {
    public static let gridSize = 600
    public static let dropShare = 0.45
    static let gamma = 0.55
    static let growth = 60.0
    static let dropExponent = 0.55

    public let law: ScalingLaw
    public let params: Double
    public let tokens: Double
    public let schedule: SimulatedSchedule
    /// S1 (with the warm-up's half) and the drop LD (in loss units) at grid step i.
    private let forward: [Double]
    private let drop: [Double]

    public init(law: ScalingLaw, params: Double, tokens: Double, schedule: SimulatedSchedule) {
        self.law = law
        self.params = params
        self.tokens = tokens
        self.schedule = schedule
        let m = Self.gridSize
        let width = 1 / Double(m)
        let eta = (0...m).map { schedule.relative(atProgress: Double($0) * width) }
        // prefix[i]: the LR's sum over grid steps 0..<i (each step's rate held over its width).
        var prefix = [Double](repeating: 0, count: m + 2)
        for i in 0...m { prefix[i + 1] = prefix[i] + eta[i] * width }
        var forward = [Double](repeating: 0, count: m + 1)
        var drop = [Double](repeating: 0, count: m + 1)
        let dataAtEnd = law.tokensCoefficient / pow(tokens, law.tokensExponent)
        let scale = Self.dropShare * dataAtEnd
        var area = 0.0
        for t in 0...m {
            let p = Double(t) * width
            // The LR's integral (trapezoids), the warm-up's missing half added back.
            if t > 0 { area += 0.5 * (eta[t - 1] + eta[t]) * width }
            forward[t] = area + min(p, schedule.warmupFraction) * 0.5
            var sum = 0.0
            var k = 1
            while k <= t {
                let decrease = eta[k - 1] - eta[k]
                if decrease > 0 {
                    let since = prefix[t + 1] - prefix[k]
                    let x = pow(max(eta[k], 1e-3), -Self.gamma) * since
                    sum += decrease * (1 - pow(Self.growth * x + 1, -Self.dropExponent))
                }
                k += 1
            }
            drop[t] = scale * sum
        }
        self.forward = forward
        self.drop = drop
    }

    /// The loss at `progress` (0 = start, 1 = planned end).
    public func loss(atProgress progress: Double) -> Double {
        let (s1, ld) = sums(atProgress: progress)
        let effectiveTokens = max(s1 * tokens, 1)
        return law.irreducibleLoss + law.paramsCoefficient / pow(params, law.paramsExponent)
            + law.tokensCoefficient / pow(effectiveTokens, law.tokensExponent) - ld
    }

    /// The loss at `progress` of a recipe worth `scale`² times the compute: the law's N and D
    /// both multiplied by `scale` (the drop, a share of the data term at D, by `scale`^−β with it).
    public func loss(atProgress progress: Double, scale: Double) -> Double {
        guard scale != 1 else { return loss(atProgress: progress) }
        let (s1, ld) = sums(atProgress: progress)
        let effectiveTokens = max(s1 * tokens * scale, 1)
        return law.irreducibleLoss + law.paramsCoefficient / pow(params * scale, law.paramsExponent)
            + law.tokensCoefficient / pow(effectiveTokens, law.tokensExponent) - ld * pow(scale, -law.tokensExponent)
    }

    /// S1 and the drop at `progress`, interpolated between grid steps.
    func sums(atProgress progress: Double) -> (forward: Double, drop: Double) {
        let position = min(max(progress, 0), 1) * Double(Self.gridSize)
        let i = min(Int(position), Self.gridSize - 1)
        let t = position - Double(i)
        return (forward[i] + (forward[i + 1] - forward[i]) * t, drop[i] + (drop[i + 1] - drop[i]) * t)
    }
}
