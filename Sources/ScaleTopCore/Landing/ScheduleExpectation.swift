import Foundation

/// Whether a run's declared learning-rate schedule explains a flat stretch: the annealing law
/// (`AnnealingCurveLaw`; the sweep's shared shape when there is one, else fitted to the run
/// itself), fitted to the run's points, says how much the run should gain over it. A WSD stable phase, a constant LR near its floor or the low stage of a two-stage
/// schedule gains little, and the law knows it; a run that gains less than the plateau rule's
/// share of what the law expects, by the rule's number of standard errors, is still a plateau.
public enum ScheduleExpectation {
    /// The gain (relative, ln units) the schedule predicts from `fromStep` to `toStep`, from the
    /// law fitted to the run's points at or before `fitThrough`; nil when it cannot be judged.
    public static func expectedGain(_ series: CurveSeries, schedule: LearningRateSchedule, law shared: AnnealingCurveLaw?,
                                    fromStep: Double, toStep: Double, fitThrough: Double) -> Double? {
        var before = series
        let keep = series.step.firstIndex { $0.isFinite && $0 > fitThrough } ?? series.count
        before = series.prefix(keep)
        before.plannedSteps = series.plannedSteps ?? (toStep > 0 ? toStep : nil)
        guard let curve = SweepLandingModel.annealingCurve(before, schedule: schedule, params: nil) else { return nil }
        let law: AnnealingCurveLaw
        if let shared { law = shared } else {
            guard let own = AnnealingCurveLaw.fit([curve]) else { return nil }
            law = own.law
        }
        let areas = AnnealingCurveLaw.areas(schedule, steps: curve.steps, lambda: law.lambda)
        let u = zip(areas.s1, areas.s2).map { law.regressor(s1: $0, s2: $1) }
        guard let line = AnnealingCurveLaw.linearFit(u, curve.losses) else { return nil }
        // The law's value at two steps, from the areas up to each.
        let ends = AnnealingCurveLaw.areas(schedule, steps: [fromStep, toStep], lambda: law.lambda)
        let values = zip(ends.s1, ends.s2).map { line.intercept + line.slope * law.regressor(s1: $0, s2: $1) }
        guard values.count == 2, values[0] > 0, values[1] > 0 else { return nil }
        return log(values[0] / values[1])
    }

    /// True when `finding` (a plateau, not a rise) is what the schedule predicts: the law expects
    /// less gain over the window than the plateau rule's minimum, or the run gained at least the
    /// rule's share of what the law expects.
    public static func explains(_ finding: PlateauFinding, series: CurveSeries, schedule: LearningRateSchedule,
                                law: AnnealingCurveLaw?, options: DiagnosticsOptions) -> Bool {
        guard !finding.rising, let tip = series.step.last(where: \.isFinite) else { return false }
        let startX = exp(finding.windowStartLogX)
        guard let i = series.x.lastIndex(where: { $0 <= startX * (1 + 1e-12) }), series.step[i].isFinite else { return false }
        guard let expected = expectedGain(series, schedule: schedule, law: law, fromStep: series.step[i], toStep: tip,
                                          fitThrough: series.step[i])
        else { return false }
        // The finding's standard error of the shortfall, recovered from its z; the schedule's
        // shortfall must clear the same number of standard errors.
        let observed = max(finding.observedGain, 0)
        let standardError = finding.z > 0 ? (finding.expectedGain - observed) / finding.z : .infinity
        return expected < log1p(options.plateauMinimumExpectedGain) || finding.observedGain >= options.plateauGainShare * expected
            || expected - observed < options.plateauZ * standardError
    }
}
