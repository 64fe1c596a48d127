import ArgumentParser
import Dispatch
import Foundation
import ScaleTopCore
import ScaleTopSimulation

/// `scaletop simulate OUTDIR`: writes a synthetic scaling-law sweep as growing JSONL files, so the
/// live features can be tried without a GPU. The curves themselves come from ScaleTopCore's
/// Simulation module; this file only parses arguments, handles Ctrl-C and reports.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write a synthetic scaling-law sweep as growing JSONL logs, in real time.",
        discussion: """
            Runs of 10M to 1B parameters take a constant, cosine, two-stage and WSD learning-rate \
            schedule in turn, declared in each log's header with lr on every line; their losses \
            follow Chinchilla's L(N,D) under the schedule (Multi-Power Law form: cool-downs lower \
            them) with noise and a warm-up bump; with 4 or more runs one plateaus at 40 % of its tokens and one diverges from 50 % (NaN at \
            80 %); with 7 or more, three runs share one compute budget (an IsoFLOP group). At speed 1 \
            the sweep takes about 60 s; Ctrl-C stops it after the last whole line.
            """)

    @Argument(help: "Directory to write <run>.jsonl files into (created if missing; files of the same names are replaced).")
    var outputDirectory: String

    @OptionGroup var simulation: SimulationOptions

    @Flag(help: "Write everything at once and exit.")
    var instant = false

    func run() throws {
        let plan = simulation.plan
        let writer = SweepWriter(plan: plan, directory: outputDirectory, speed: simulation.speed, instant: instant)
        let interrupt = InterruptFlag()
        interrupt.install()

        if !instant {
            print("Writing \(plan.runs.count) runs to \(outputDirectory) over about "
                + "\(Int((plan.durationSeconds / simulation.speed).rounded())) s; Ctrl-C stops.")
        }
        // A SimulationWriteError describes itself; ArgumentParser prints it and exits with 1.
        let summary = try writer.write(shouldStop: { interrupt.isSet })
        let outcome = summary.completed ? "Wrote" : "Stopped after"
        print("\(outcome) \(summary.linesWritten) lines in \(summary.files.count) files in \(outputDirectory).")
    }
}

/// Turns SIGINT into a flag the writer polls, so Ctrl-C ends the sweep after a whole line, closes
/// the files and exits with status 0 instead of dying mid-write.
private final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    private var source: DispatchSourceSignal?

    var isSet: Bool { lock.withLock { set } }

    func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.withLock { self.set = true }
        }
        source.resume()
        self.source = source
    }
}
