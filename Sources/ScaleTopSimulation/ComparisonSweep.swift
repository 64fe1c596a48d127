import ScaleTopCore

/// Two-group sweeps with a known compute multiplier: the standard sweep twice, once as the
/// baseline (`base/…`) and once as a recipe worth `worth` of its compute (`new/…`), each run's
/// header declaring its group. Same sizes, budgets and schedules; the recipe's noise is its own.
extension SweepPlan {
    public static let baselineGroupName = "base"
    public static let recipeGroupName = "new"

    public static func comparison(
        worth: ComputeMultiplierLaw, runCount: Int = 8, seed: UInt64 = 1, pointsPerRun: Int = 300, wallSeconds: Double = 60,
        schedules: [SimulatedSchedule.Kind] = standardSchedules, noiseFraction: Double = 0.025
    ) -> SweepPlan {
        let base = standard(runCount: runCount, seed: seed, pointsPerRun: pointsPerRun, wallSeconds: wallSeconds, schedules: schedules)
        var seeds = SplitMix64(seed: seed ^ 0xC0FF_EE00_D15E_A5E5)
        var runs: [RunPlan] = []
        for var run in base.runs {
            let name = run.name
            run.group = baselineGroupName
            run.name = "\(baselineGroupName)/\(name)"
            runs.append(run)
            var recipe = run
            recipe.group = recipeGroupName
            recipe.name = "\(recipeGroupName)/\(name)"
            recipe.noiseSeed = seeds.next()
            recipe.computeMultiplier = worth
            runs.append(recipe)
        }
        return SweepPlan(runs: runs, law: base.law, vocabularySize: base.vocabularySize,
                         noiseFraction: noiseFraction, pointsPerRun: base.pointsPerRun)
    }
}
