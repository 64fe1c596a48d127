import Foundation

/// The rest of a run's learning-rate schedule read from the LR it logged, when nothing is
/// declared (log-format.md: "infers the schedule when it is unambiguous, else assumes the LR stays
/// where it is"). After the peak, the logged LR is matched against a decay from a start (the peak,
/// or the last step still at the peak: a WSD cool-down) to the planned end, in each of the shapes
/// people use (cosine, linear, 1-sqrt, geometric), the floor fitted; one that follows the log
/// within `tolerance` of the peak, once the decay is under way, is taken. A flat log is a constant
/// schedule. Anything else (a step down, a decay none of the shapes follows) holds the latest LR.
public enum ScheduleInference {
    /// Largest root-mean-square departure (share of the peak) for a decay shape to be taken.
    static let tolerance = 0.01
    /// The decay must have brought the LR this far below its peak to be told from a flat start.
    static let decayUnderWay = 0.03
    /// A LR within this share of the peak counts as the peak.
    static let atPeak = 0.005
    static let pieces = 64
    /// Steps of the decay so far at which the shapes are compared with the log.
    static let samples = 48

    enum Shape: String, CaseIterable {
        case cosine, linear, oneMinusSqrt = "1-sqrt", geometric

        /// The share of the way from the peak (1) to the floor (0) at fraction p of the decay.
        func share(_ p: Double) -> Double {
            let p = min(max(p, 0), 1)
            switch self {
            case .cosine: return 0.5 * (1 + cos(Double.pi * p))
            case .linear: return 1 - p
            case .oneMinusSqrt: return 1 - p.squareRoot()
            case .geometric: return 1 - p  // not used: a geometric decay is fitted in ln LR
            }
        }
    }

    /// The schedule from `knots` (logged, steps ascending) to `total` steps: named
    /// "inferred cosine", "inferred linear", "inferred WSD (linear cool-down)"..., "inferred
    /// constant" or "assumed constant"; "logged" when the log reached the planned end (the whole
    /// schedule is known). Nil without a logged LR or a planned end.
    public static func infer(_ knots: [(step: Double, lr: Double)], total: Double) -> LearningRateSchedule? {
        guard let last = knots.last, total > 0, last.lr >= 0 else { return nil }
        var history = knots
        // Before the first logged step: a linear warm-up from 0, as a log that starts at the end
        // of its warm-up (or at step 1) implies.
        if let first = history.first, first.step > 0 { history.insert((0, 0), at: 0) }
        let peak = history.map(\.lr).max() ?? 0
        guard peak > 0 else { return nil }
        if last.step >= total { return LearningRateSchedule(name: "logged", knots: history) }
        let peakIndex = history.firstIndex { $0.lr >= peak * (1 - atPeak) }!
        let peakStep = history[peakIndex].step
        let after = Array(history[peakIndex...])
        func held(_ name: String) -> LearningRateSchedule {
            LearningRateSchedule(name: name, knots: history + [(total, last.lr)])
        }
        // Flat since the peak: constant (or a WSD run before its cool-down: the same until then).
        if after.allSatisfy({ abs($0.lr - peak) <= atPeak * peak }) { return held("inferred constant") }
        guard last.lr < (1 - decayUnderWay) * peak else { return held("assumed constant") }

        // The last step still at the peak: where a WSD cool-down began.
        let stableEnd = after.last { $0.lr >= peak * (1 - atPeak) }!.step
        var best: (rms: Double, schedule: LearningRateSchedule)?
        let logged = LearningRateSchedule(name: "logged", knots: history)
        for start in Set([peakStep, stableEnd]).sorted() where total > start && last.step > start {
            // The logged LR (knots, linear between them) read at evenly spaced steps of the decay.
            let decaying = (1...samples).map { i in
                let s = start + (last.step - start) * Double(i) / Double(samples)
                return (step: s, lr: logged.lr(atStep: s))
            }
            for shape in Shape.allCases {
                guard let fitted = fit(shape, decaying, peak: peak, start: start, total: total) else { continue }
                let stable = start > peakStep + 0.02 * (total - peakStep)
                let label = stable ? "inferred WSD (\(shape.rawValue) cool-down)" : "inferred \(shape.rawValue)"
                if best == nil || fitted.rms < best!.rms {
                    var tail: [(step: Double, lr: Double)] = []
                    for i in 1...pieces {
                        let s = start + (total - start) * Double(i) / Double(pieces)
                        if s > last.step { tail.append((s, fitted.lr(s))) }
                    }
                    best = (fitted.rms, LearningRateSchedule(name: label, knots: history + tail))
                }
            }
        }
        if let best, best.rms <= tolerance { return best.schedule }
        return held("assumed constant")
    }

    /// The decay of `shape` from the peak at `start` to the floor at `total` that follows the
    /// logged points best (floor by least squares, at least 0 and below the latest LR); its
    /// root-mean-square departure as a share of the peak.
    static func fit(_ shape: Shape, _ points: [(step: Double, lr: Double)], peak: Double, start: Double, total: Double) -> (rms: Double, lr: (Double) -> Double)? {
        let span = total - start
        if shape == .geometric {
            // ln lr = ln peak − k (s − start): k by least squares through the peak.
            var sxy = 0.0, sxx = 0.0
            for p in points where p.lr > 0 {
                let x = p.step - start
                sxy += x * log(p.lr / peak)
                sxx += x * x
            }
            guard sxx > 0, sxy < 0 else { return nil }
            let k = -sxy / sxx
            let lr = { (s: Double) in peak * exp(-k * (min(s, total) - start)) }
            let rms = (points.reduce(0) { $0 + pow(lr($1.step) - $1.lr, 2) } / Double(points.count)).squareRoot() / peak
            return (rms, lr)
        }
        // lr = floor + (peak − floor)·g  ⇒  lr − peak·g = floor·(1 − g).
        var num = 0.0, den = 0.0
        for p in points {
            let g = shape.share((p.step - start) / span)
            num += (p.lr - peak * g) * (1 - g)
            den += (1 - g) * (1 - g)
        }
        guard den > 0 else { return nil }
        let floor = min(max(num / den, 0), points.last!.lr)
        let lr = { (s: Double) in floor + (peak - floor) * shape.share((s - start) / span) }
        let rms = (points.reduce(0) { $0 + pow(lr($1.step) - $1.lr, 2) } / Double(points.count)).squareRoot() / peak
        return (rms, lr)
    }
}
