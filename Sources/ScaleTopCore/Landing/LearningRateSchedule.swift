import Foundation

/// A run's planned learning rate as a function of the step, from its declaration (log-format.md,
/// "Learning rate and the planned schedule"): a Hugging Face scheduler name with its warm-up, peak,
/// floor and cool-down, or `lr_schedule` knots `[[step, lr], ...]` joined linearly.
public struct LearningRateSchedule: Sendable, Equatable {
    /// The declared name, or "knots".
    public var name: String
    /// Knots (step, lr), steps non-decreasing; a step given twice is a jump. The LR is linear
    /// between knots and holds the last knot's value after it.
    public var knots: [(step: Double, lr: Double)]
    /// What the reader should know about where the schedule came from (a logged LR that departs
    /// from the declaration, a declaration that could not be used); not part of equality.
    public var note: String?

    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.knots.count == b.knots.count
            && zip(a.knots, b.knots).allSatisfy { $0.step == $1.step && $0.lr == $1.lr }
    }

    /// The learning rate at `step`.
    public func lr(atStep step: Double) -> Double {
        guard let first = knots.first else { return 0 }
        if step <= first.step { return first.lr }
        // Binary search for the last knot at or before `step` (the later of a jump's two).
        let i = knots.partitionPoint { $0.step <= step } - 1
        guard i + 1 < knots.count else { return knots[i].lr }
        let a = knots[i], b = knots[i + 1]
        guard b.step > a.step else { return b.lr }
        return a.lr + (b.lr - a.lr) * (step - a.step) / (b.step - a.step)
    }

    /// The highest learning rate of the schedule (0 without knots).
    public var peakLR: Double {
        knots.reduce(0) { max($0, $1.lr.isFinite ? $1.lr : 0) }
    }

    /// The step after which the LR never rises again (the end of the warm-up): the first knot
    /// within `peakTolerance` of the peak, so that a logged LR stored in single precision beside
    /// a declared one in double does not move the peak to the declaration's last knot.
    public var peakStep: Double {
        let threshold = peakLR * (1 - Self.peakTolerance)
        return knots.first { $0.lr >= threshold }?.step ?? knots.first?.step ?? 0
    }

    /// The share of the peak LR below which a knot is not at the peak.
    static let peakTolerance = 1e-4
}

/// Reads a schedule declaration from a run's header object (or sidecar).
public enum ScheduleDeclaration {
    public static let names = ["constant", "constant_with_warmup", "linear", "cosine", "cosine_with_min_lr",
                               "warmup_stable_decay", "inverse_sqrt"]

    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The keys that make an object a schedule declaration.
    static let keys = ["lr_scheduler_type", "lr_schedule"]

    /// A W&B run config (its items as one JSON object, a value possibly wrapped as
    /// `{"value": v}` as W&B's config files write it); nil when it declares no schedule.
    public static func parse(configJSON bytes: [UInt8], totalSteps: Double? = nil) -> Result<LearningRateSchedule, Failure>? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [])) as? [String: Any] else { return nil }
        var flat: [String: Any] = [:]
        for (key, value) in object {
            if let wrapped = value as? [String: Any], let inner = wrapped["value"] { flat[key] = inner } else { flat[key] = value }
        }
        return parse(flat, totalSteps: totalSteps)
    }

    /// nil when `object` declares no schedule; a failure names what is wrong. `totalSteps` closes
    /// a named schedule (the object's own `total_steps`/`max_steps` first).
    public static func parse(_ object: [String: Any], totalSteps fallbackTotal: Double? = nil) -> Result<LearningRateSchedule, Failure>? {
        guard keys.contains(where: { object[$0] != nil }) else { return nil }
        func number(_ key: String) -> Double? {
            if let n = object[key] as? NSNumber, !(object[key] is Bool) { return n.doubleValue }
            if let s = object[key] as? String { return Double(s) }
            return nil
        }
        func first(_ keys: String...) -> Double? { keys.lazy.compactMap(number).first }
        if let raw = object["lr_schedule"] {
            guard let list = raw as? [Any] else { return .failure(Failure(message: "lr_schedule is not a list of [step, lr] knots")) }
            var knots: [(step: Double, lr: Double)] = []
            for (i, item) in list.enumerated() {
                guard let pair = item as? [Any], pair.count == 2, let s = (pair[0] as? NSNumber)?.doubleValue,
                      let v = (pair[1] as? NSNumber)?.doubleValue, s.isFinite, v.isFinite else {
                    return .failure(Failure(message: "lr_schedule knot \(i + 1) is not [step, lr]"))
                }
                if v < 0 { return .failure(Failure(message: "lr_schedule knot \(i + 1) has a negative learning rate")) }
                if let last = knots.last, s < last.step {
                    return .failure(Failure(message: "lr_schedule knots out of order (step \(NumberText.short(s)) after \(NumberText.short(last.step)))"))
                }
                knots.append((s, v))
            }
            guard !knots.isEmpty else { return .failure(Failure(message: "lr_schedule has no knots")) }
            return .success(LearningRateSchedule(name: "knots", knots: knots))
        }
        guard let name = object["lr_scheduler_type"] as? String else {
            return .failure(Failure(message: "lr_scheduler_type is not a name"))
        }
        guard names.contains(name) else {
            return .failure(Failure(message: "unknown lr_scheduler_type \"\(TextSanitizer.clean(name))\" (known: \(names.joined(separator: ", ")))"))
        }
        guard let total = first("total_steps", "max_steps") ?? fallbackTotal, total > 0, total.isFinite else {
            return .failure(Failure(message: "lr_scheduler_type \(name) needs total_steps"))
        }
        let peak = first("peak_lr", "max_lr", "learning_rate") ?? 1
        var warmup = first("warmup_steps", "num_warmup_steps") ?? first("warmup_ratio").map { $0 * total } ?? 0
        if name == "constant" { warmup = 0 }
        let minLR = first("min_lr") ?? first("min_lr_rate").map { $0 * peak } ?? 0
        for (key, v) in [("peak_lr", peak), ("min_lr", minLR), ("warmup_steps", warmup)] where v < 0 || !v.isFinite {
            return .failure(Failure(message: "\(key) is negative"))
        }
        warmup = min(warmup, total)
        var knots: [(step: Double, lr: Double)] = [(0, warmup > 0 ? 0 : peak), (warmup, peak)]
        let pieces = 64
        switch name {
        case "constant", "constant_with_warmup":
            knots.append((total, peak))
        case "linear":
            knots.append((total, minLR))
        case "cosine", "cosine_with_min_lr":
            for i in 1...pieces {
                let p = Double(i) / Double(pieces)
                knots.append((warmup + p * (total - warmup), minLR + (peak - minLR) * 0.5 * (1 + cos(Double.pi * p))))
            }
        case "warmup_stable_decay":
            let decay = first("num_decay_steps", "decay_steps") ?? first("decay_ratio").map { $0 * total } ?? 0.1 * total
            let start = max(warmup, total - decay)
            let type = (object["decay_type"] as? String) ?? "linear"
            guard ["linear", "cosine", "1-sqrt"].contains(type) else {
                return .failure(Failure(message: "unknown decay_type \"\(TextSanitizer.clean(type))\" (known: linear, cosine, 1-sqrt)"))
            }
            knots.append((start, peak))
            for i in 1...pieces {
                let p = Double(i) / Double(pieces)
                let share = switch type {
                case "cosine": 0.5 * (1 + cos(Double.pi * p))
                case "1-sqrt": 1 - p.squareRoot()
                default: 1 - p
                }
                knots.append((start + p * (total - start), minLR + (peak - minLR) * share))
            }
        default:  // inverse_sqrt
            let from = max(warmup, 1)
            for i in 1...pieces {
                let s = from + (total - from) * Double(i) / Double(pieces)
                knots.append((s, peak * (from / s).squareRoot()))
            }
        }
        return .success(LearningRateSchedule(name: name, knots: knots))
    }
}
