import ArgumentParser
import Foundation
import ScaleTopCore
import ScaleTopSimulation

/// `scaletop demo`: simulates a sweep into a temporary folder and opens the live view on it,
/// so one command shows everything: growing curves under four learning-rate schedules, the
/// envelope, refits, a plateau, a divergence, and each running run's projected landing.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate a sweep in real time and watch it live (one command shows everything).")

    @OptionGroup var view: ViewOptions

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "Target compute in FLOPs.")
    var target: Double = 1e22

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-demo-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = SweepWriter(plan: simulation.plan, directory: directory, speed: simulation.speed)
        let stop = StopFlag()
        let thread = Thread {
            _ = try? writer.write(shouldStop: { stop.isSet })
        }
        thread.start()
        defer { stop.set() }
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = false
        var options = SweepAnalysisOptions(targetFlops: target)
        options.parametricGrid = .epoch
        var session = LiveSession(
            roots: [.directory(directory)], configuration: configuration, analysisOptions: options,
            sourceLabel: simulation.worth == nil ? "demo (simulated sweep)" : "demo (two groups)", theme: try view.loadTheme())
        session.diagnostics = SweepDiagnostics(options: view.staleOption.options)
        session.alertCommand = view.onAlert
        session.mouse = !view.noMouse
        session.run()
    }
}

/// A flag set by one thread and read by another.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
