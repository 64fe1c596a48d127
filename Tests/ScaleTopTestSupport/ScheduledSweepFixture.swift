import Foundation

/// A simulated sweep whose losses follow a schedule-aware law of the Multi-Power-Law form (Luo et
/// al. 2025): L = L0(N) + B·(D_eff)^-0.28 − drop, where D_eff is the tokens the run would have seen
/// at its peak LR for the same LR sum, L0(N) = 1.69 + 406.4/N^0.34 (Chinchilla's floor for N), and
/// the drop is B_drop·Σ (η_{k−1} − η_k)·G(η_k^−γ·S_k(t)), G(x) = 1 − (Cx + 1)^−β. A run at a
/// constant LR follows Chinchilla's L(N, D); a cool-down lowers it by a few per cent. Each size runs
/// the four schedules (cosine to 10 % of the peak, WSD with a linear cool-down over the last 20 %,
/// constant, two-stage to 30 % at half-way), each declared in its header; 0.3 % lognormal noise.
public struct ScheduledSweepFixture {
    public enum Schedule: String, CaseIterable, Sendable {
        case cosine, wsd, constant, twoStage = "two-stage"
    }

    public struct RunSpec: Sendable {
        public var params: Double
        public var schedule: Schedule
        public var totalSteps: Int
        public var tokensPerStep: Double
        public var name: String { "N\(Self.short(params))-\(schedule.rawValue)" }
        static func short(_ n: Double) -> String {
            n >= 1e9 ? "\(Int((n / 1e9).rounded()))B" : "\(Int((n / 1e6).rounded()))M"
        }
    }

    public var sizes: [Double]
    public var seed: UInt64
    public var noise = 0.003
    /// The peak LR of the smallest size (10M); each size's is `peakLR·(N/1e7)^−peakLRExponent`.
    public var peakLR = 3e-4
    /// How the peak LR shrinks with size (0: one peak for every size; 0.3 takes 2.4e-3 at 10M to
    /// 6e-4 at 1B, as in published sweeps). Losses follow the schedule relative to each run's own
    /// peak, so they do not depend on it: only the logged and declared LRs do.
    public var peakLRExponent = 0.0
    /// The peak LR the loss law is written for (its drop's constants assume it).
    static let lawPeakLR = 3e-4
    public var warmupFraction = 0.02
    public var pointsPerRun = 120
    /// Declare the schedule and log `lr` per line (false: no LR information at all).
    public var withSchedules = true
    /// With `withSchedules`: declare the schedule in the header too (false: `lr` per line only).
    public var declaresSchedules = true
    /// The schedules each size runs.
    public var schedules = Schedule.allCases

    public init(sizes: [Double], seed: UInt64) {
        self.sizes = sizes
        self.seed = seed
    }

    public var runs: [RunSpec] {
        sizes.flatMap { n in
            let tokens = 20 * n
            let steps = Int((4000 * pow(n / 1e7, 0.3)).rounded())
            return schedules.map { RunSpec(params: n, schedule: $0, totalSteps: steps, tokensPerStep: tokens / Double(steps)) }
        }
    }

    /// The peak learning rate of a run of `params`.
    public func peakLR(params: Double) -> Double {
        peakLR * pow(params / 1e7, -peakLRExponent)
    }

    /// The learning rate of `spec` at `step`, as logged and declared.
    public func lr(_ spec: RunSpec, step: Double) -> Double {
        lr(spec, step: step, peak: peakLR(params: spec.params))
    }

    /// The learning rate of `spec` at `step` under a peak of `peakLR`.
    func lr(_ spec: RunSpec, step: Double, peak peakLR: Double) -> Double {
        let total = Double(spec.totalSteps)
        let warmup = warmupFraction * total
        if step < warmup { return peakLR * step / warmup }
        switch spec.schedule {
        case .constant: return peakLR
        case .cosine:
            let p = (step - warmup) / (total - warmup)
            return peakLR * (0.1 + 0.9 * 0.5 * (1 + cos(Double.pi * min(p, 1))))
        case .wsd:
            let decayStart = 0.8 * total
            guard step > decayStart else { return peakLR }
            return peakLR * (1 - 0.9 * min((step - decayStart) / (total - decayStart), 1))
        case .twoStage: return step < 0.5 * total ? peakLR : 0.3 * peakLR
        }
    }

    /// The header line declaring the run and its schedule.
    public func header(_ spec: RunSpec) -> String {
        let warmup = Int(warmupFraction * Double(spec.totalSteps))
        let peakLR = peakLR(params: spec.params)
        var fields = "\"run\": \"\(spec.name)\", \"params\": \(spec.params), \"tokens_per_step\": \(spec.tokensPerStep), \"total_steps\": \(spec.totalSteps)"
        guard withSchedules && declaresSchedules else { return "{\(fields)}" }
        fields += ", \"peak_lr\": \(peakLR), \"warmup_steps\": \(warmup)"
        switch spec.schedule {
        case .cosine: fields += ", \"lr_scheduler_type\": \"cosine_with_min_lr\", \"min_lr\": \(0.1 * peakLR)"
        case .wsd:
            fields += ", \"lr_scheduler_type\": \"warmup_stable_decay\", \"min_lr\": \(0.1 * peakLR), \"num_decay_steps\": \(spec.totalSteps / 5), \"decay_type\": \"linear\""
        case .constant: fields += ", \"lr_scheduler_type\": \"constant_with_warmup\""
        case .twoStage:
            let half = spec.totalSteps / 2
            fields += ", \"lr_schedule\": [[0, 0], [\(warmup), \(peakLR)], [\(half), \(peakLR)], [\(half), \(0.3 * peakLR)], [\(spec.totalSteps), \(0.3 * peakLR)]]"
        }
        return "{\(fields)}"
    }

    /// The noiseless loss of `spec` at each of `steps` (increasing).
    public func expectedLosses(_ spec: RunSpec, steps: [Int]) -> [Double] {
        // The schedule on a grid of 600 intervals; sums are in LR × steps.
        let grid = 600
        let width = Double(spec.totalSteps) / Double(grid)
        let peakLR = Self.lawPeakLR
        let eta = (0...grid).map { lr(spec, step: Double($0) * width, peak: peakLR) }
        var prefix = [Double](repeating: 0, count: grid + 2)
        for i in 0...grid { prefix[i + 1] = prefix[i] + eta[i] * width }
        let n = spec.params
        let floor = 1.69 + 406.4 / pow(n, 0.34)
        let reducibleAtEnd = 410.7 / pow(20 * n, 0.28)
        let dropScale = 500 * reducibleAtEnd
        let (gamma, c, beta) = (0.55, 2.0, 0.55)
        return steps.map { step in
            let t = min(Int((Double(step) / width).rounded()), grid)
            let dEff = max(prefix[t + 1] / peakLR * spec.tokensPerStep, spec.tokensPerStep)
            var drop = 0.0
            var k = 1
            while k <= t {
                let delta = eta[k - 1] - eta[k]
                if delta > 0 {
                    let s = prefix[t + 1] - prefix[k]
                    drop += delta * (1 - pow(c * pow(eta[k], -gamma) * s + 1, -beta))
                }
                k += 1
            }
            return floor + 410.7 / pow(dEff, 0.28) - dropScale * drop
        }
    }

    /// Writes every run into `directory` (one JSONL file each); `cut` gives, by run name, the share
    /// of the planned steps a run has logged so far (absent: complete).
    public func write(into directory: URL, cut: [String: Double] = [:]) throws {
        var rng = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func gaussian() -> Double {
            func uniform() -> Double {
                rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
                return (Double(rng >> 11) + 0.5) / Double(1 << 53)
            }
            return (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
        for spec in runs {
            let every = max(spec.totalSteps / pointsPerRun, 1)
            var steps = Array(stride(from: every, through: spec.totalSteps, by: every))
            if steps.last != spec.totalSteps { steps.append(spec.totalSteps) }
            let losses = expectedLosses(spec, steps: steps)
            var text = header(spec) + "\n"
            let limit = cut[spec.name].map { $0 * Double(spec.totalSteps) } ?? .infinity
            for (step, loss) in zip(steps, losses) {
                let noisy = loss * exp(noise * gaussian())
                guard Double(step) <= limit else { continue }
                let lrField = withSchedules ? ", \"lr\": \(lr(spec, step: Double(step)))" : ""
                text += "{\"step\": \(step), \"loss\": \(noisy)\(lrField)}\n"
            }
            try Data(text.utf8).write(to: directory.appendingPathComponent(spec.name + ".jsonl"))
        }
    }

    /// The noiseless loss each run ends at, by name.
    public var finalLosses: [String: Double] {
        Dictionary(uniqueKeysWithValues: runs.map { ($0.name, expectedLosses($0, steps: [$0.totalSteps])[0]) })
    }
}
