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
    /// logged step), noting where they part.
    static func merge(_ declared: LearningRateSchedule, logged knots: [(step: Double, lr: Double)]) -> LearningRateSchedule {
        guard let first = knots.first, let last = knots.last else { return declared }
        var merged = declared
        merged.knots = declared.knots.filter { $0.step < first.step } + knots + declared.knots.filter { $0.step > last.step }
        let peak = declared.knots.map(\.lr).max() ?? 0
        var worst: (step: Double, departure: Double)?
        for k in knots {
            let departure = abs(k.lr - declared.lr(atStep: k.step))
            if departure > agreement * peak, departure > (worst?.departure ?? 0) { worst = (k.step, departure) }
        }
        if let worst {
            let logged = knots.first { $0.step == worst.step }!.lr
            merged.note = "the logged learning rate departs from the declared \(declared.name) schedule (\(NumberText.short(logged)) at step "
                + "\(NumberText.short(worst.step)), declared \(NumberText.short(declared.lr(atStep: worst.step)))); the logged one is used."
        }
        return merged
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
