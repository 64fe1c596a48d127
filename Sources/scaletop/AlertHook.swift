import Foundation
import ScaleTopCore

/// `--on-alert CMD`: when a run becomes plateau or diverged, runs `/bin/sh -c CMD` with the run
/// in its environment (`SCALETOP_RUN`, `SCALETOP_STATUS`, `SCALETOP_PREVIOUS_STATUS`,
/// `SCALETOP_REASON`) and as `$1` and `$2`. Never waits for the command and never fails because
/// of it: a command that cannot start or exits non-zero is reported through `report`, and the
/// watching goes on.
final class AlertHook {
    let command: String
    /// Where the command's output goes: a path, never the live view's terminal.
    let outputPath: String
    private let report: (String) -> Void
    private var running: [(pid: pid_t, transition: StatusTransition)] = []

    init(command: String, outputPath: String, report: @escaping (String) -> Void) {
        self.command = command
        self.outputPath = outputPath
        self.report = report
    }

    /// Runs the command for each transition that is an alert.
    func fire(_ transitions: [StatusTransition]) {
        for transition in transitions where transition.isAlert {
            var environment = ProcessInfo.processInfo.environment
            environment["SCALETOP_RUN"] = transition.run
            environment["SCALETOP_STATUS"] = transition.to.rawValue
            environment["SCALETOP_PREVIOUS_STATUS"] = transition.from?.rawValue ?? ""
            environment["SCALETOP_REASON"] = transition.reason ?? ""
            do {
                let pid = try ProcessSpawn.spawn(
                    "/bin/sh", ["-c", command, "scaletop-alert", transition.run, transition.to.rawValue],
                    environment: environment.map { "\($0.key)=\($0.value)" },
                    output: outputPath, error: outputPath)
                running.append((pid, transition))
            } catch {
                report("--on-alert: \(error)")
            }
        }
        reap()
    }

    /// Collects commands that ended; reports those that failed.
    func reap() {
        running.removeAll { child in
            guard let status = ProcessSpawn.reap(child.pid) else { return false }
            if status != 0 {
                let name = TextSanitizer.clean(child.transition.run)
                report("--on-alert exited \(status) for run \(name) (\(child.transition.to.rawValue))")
            }
            return true
        }
    }

    /// True while a command is still running (the loop then wakes to collect it).
    var hasRunning: Bool { !running.isEmpty }
}
