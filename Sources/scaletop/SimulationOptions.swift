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

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1.") }
        guard points >= 2 else { throw ValidationError("--points must be at least 2.") }
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number.") }
    }

    /// The sweep these options describe.
    var plan: SweepPlan { SweepPlan.standard(runCount: runs, seed: seed, pointsPerRun: points) }
}
