import Foundation

/// The learning-rate schedule a run's projection and plateau rule use, from what it declared and
/// what it logged: with both, the logged LR is the history and the declaration the rest (a log
/// that departs from the declaration says so in `note`); with a log alone, the rest inferred
/// (`ScheduleInference`); with a declaration alone, the declaration.
public enum ScheduleResolver {
    /// A logged LR further than this share of the declared peak from the declaration, at any
    /// logged point, departs from it.
    static let agreement = 0.05

    public static func resolve(declared: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?, logged: LearningRateLog?,
                               plannedSteps: Double?) -> Result<LearningRateSchedule, ScheduleDeclaration.Failure>? {
        guard let logged, logged.logged > 0 else { return declared }
        let knots = logged.knots
        switch declared {
        case let .success(schedule)?:
            return .success(merge(schedule, logged: knots))
        case let .failure(failure)?:
            guard let total = plannedSteps, var inferred = ScheduleInference.infer(knots, total: total) else { return declared }
            inferred.note = "learning-rate schedule not used: \(failure.message); \(inferred.name) from the logged learning rate."
            return .success(inferred)
        case nil:
            guard let total = plannedSteps, let inferred = ScheduleInference.infer(knots, total: total) else { return nil }
            return .success(inferred)
        }
    }

    /// The declared schedule with the logged LR as its history (from the first to the latest
    /// logged step), noting where they part. A log whose level differs from the declaration's
    /// (a peak LR declared at 3e-4 while 2.4e-3 is logged) scales the declared rest by the
    /// logged÷declared ratio and says so: joined unscaled, the rest would read as a sudden drop.
    static func merge(_ declared: LearningRateSchedule, logged knots: [(step: Double, lr: Double)]) -> LearningRateSchedule {
        guard let first = knots.first, let last = knots.last else { return declared }
        var merged = declared
        let scale = peakScale(declared, logged: knots)
        let outside = declared.knots.filter { $0.step < first.step || $0.step > last.step }.map { (step: $0.step, lr: $0.lr * (scale?.ratio ?? 1)) }
        merged.knots = outside.filter { $0.step < first.step } + knots + outside.filter { $0.step > last.step }
        let ratio = scale?.ratio ?? 1
        let peak = ratio * (declared.knots.map(\.lr).max() ?? 0)
        var worst: (step: Double, departure: Double)?
        for k in knots {
            let departure = abs(k.lr - ratio * declared.lr(atStep: k.step))
            if departure > agreement * peak, departure > (worst?.departure ?? 0) { worst = (k.step, departure) }
        }
        var notes: [String] = []
        if let scale {
            notes.append("the logged learning rate is \(NumberText.short(ratio))× the declared \(declared.name) schedule's (\(NumberText.short(scale.logged)) at step "
                + "\(NumberText.short(scale.step)), declared \(NumberText.short(scale.declared))); the declared rest is scaled by \(NumberText.short(ratio)).")
        }
        if let worst {
            let logged = knots.first { $0.step == worst.step }!.lr
            let scaled = scale == nil ? "" : " scaled"
            notes.append("the logged learning rate departs from the declared\(scaled) \(declared.name) schedule (\(NumberText.short(logged)) at step "
                + "\(NumberText.short(worst.step)), declared\(scaled) \(NumberText.short(ratio * declared.lr(atStep: worst.step)))); the logged one is used.")
        }
        merged.note = notes.isEmpty ? nil : notes.joined(separator: " ")
        return merged
    }

    /// The logged÷declared LR where the declaration is highest among the logged steps (the peak,
    /// once the warm-up is logged), when it is off by more than `agreement`; nil when they agree
    /// or the log holds only the warm-up's first tenth.
    static func peakScale(_ declared: LearningRateSchedule, logged knots: [(step: Double, lr: Double)]) -> (ratio: Double, step: Double, logged: Double, declared: Double)? {
        let declaredPeak = declared.peakLR
        guard declaredPeak > 0 else { return nil }
        var reference: (step: Double, logged: Double, declared: Double)?
        for k in knots where k.lr.isFinite && k.lr > 0 {
            let expected = declared.lr(atStep: k.step)
            if expected > (reference?.declared ?? 0.1 * declaredPeak) { reference = (k.step, k.lr, expected) }
        }
        guard let reference else { return nil }
        let ratio = reference.logged / reference.declared
        guard ratio.isFinite, abs(ratio - 1) > agreement else { return nil }
        return (ratio, reference.step, reference.logged, reference.declared)
    }
}

extension Sweep {
    /// The schedule `run`'s projection uses: declared, logged or both (`ScheduleResolver`).
    public func schedule(for run: Run) -> Result<LearningRateSchedule, ScheduleDeclaration.Failure>? {
        let declared = schedules[run.name]
        guard let logged = run.learningRates else { return declared }
        var planned = run.meta.totalSteps
        if planned == nil, let tokens = run.meta.plannedTokens, let perStep = run.meta.tokensPerStep, perStep > 0 { planned = tokens / perStep }
        return ScheduleResolver.resolve(declared: declared, logged: logged, plannedSteps: planned)
    }
}
