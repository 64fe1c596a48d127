import ArgumentParser
import ScaleTopCore
import ScaleTopSimulation

/// The simulated sweep's options, shared by `simulate` and `demo` with one validation.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Number of runs.")
    var runs: Int = 8

    @Option(help: "Seed of the noise; the same seed writes the same sweep.")
    var seed: UInt64 = 1

    @Option(help: "Time factor: 2 finishes the sweep in about 30 s.")
    var speed: Double = 1

    @Option(help: "Logged points per run.")
    var points: Int = 300

    @Flag(help: "Two groups, base/ and new/, the new recipe worth 2x the compute (see --multiplier, --crossing).")
    var groups = false

    @Option(help: ArgumentHelp("Two groups, the new recipe worth this many times the baseline's compute.", valueName: "X"))
    var multiplier: Double?

    @Option(help: ArgumentHelp("Two groups, the new recipe better below this compute and worse above (the fits cross there).", valueName: "FLOPS"))
    var crossing: Double?

    func validate() throws {
        if let multiplier, !(multiplier.isFinite && multiplier > 0) { throw ValidationError("--multiplier must be a positive number.") }
        if let crossing, !(crossing.isFinite && crossing > 0) { throw ValidationError("--crossing must be a positive number of FLOPs.") }
        if multiplier != nil && crossing != nil { throw ValidationError("give --multiplier or --crossing, not both.") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1.") }
        guard points >= 2 else { throw ValidationError("--points must be at least 2.") }
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number.") }
    }

    /// The sweep these options describe.
    var plan: SweepPlan {
        if let worth { return SweepPlan.comparison(worth: worth, runCount: runs, seed: seed, pointsPerRun: points) }
        return SweepPlan.standard(runCount: runs, seed: seed, pointsPerRun: points)
    }

    /// The new group's worth when a two-group sweep is asked for.
    var worth: ComputeMultiplierLaw? {
        if let crossing { return .crossing(at: crossing) }
        if let multiplier { return .constant(multiplier) }
        return groups ? .constant(2) : nil
    }
}
