import Foundation
import ScaleTopCore
import ScaleTopProcess

/// `--on-alert CMD`: once per new divergence or plateau episode of a run, runs `/bin/sh -c CMD`
/// with the run in its environment (`SCALETOP_RUN`, `SCALETOP_STATUS` (the episode's kind),
/// `SCALETOP_PREVIOUS_STATUS`, `SCALETOP_REASON`, `SCALETOP_EPISODE`) and as `$1` and `$2`. Never waits for the command and never fails because
/// of it: a command that cannot start or exits non-zero is reported through `report`, and the
/// watching goes on.
final class AlertHook {
    let command: String
    /// Where the command's output goes: a path, never the live view's terminal.
    let outputPath: String
    private let report: (String) -> Void
    private var running: [(pid: pid_t, alert: EpisodeAlert)] = []

    init(command: String, outputPath: String, report: @escaping (String) -> Void) {
        self.command = command
        self.outputPath = outputPath
        self.report = report
    }

    /// Runs the command for each alert.
    func fire(_ alerts: [EpisodeAlert]) {
        for alert in alerts {
            let kind = alert.episode.kind.rawValue
            var environment = ProcessInfo.processInfo.environment
            environment["SCALETOP_RUN"] = alert.run
            environment["SCALETOP_STATUS"] = kind
            environment["SCALETOP_PREVIOUS_STATUS"] = alert.previousStatus?.rawValue ?? ""
            environment["SCALETOP_REASON"] = alert.reason
            environment["SCALETOP_EPISODE"] = alert.episode.label
            do {
                let pid = try ProcessSpawn.spawn(
                    "/bin/sh", ["-c", command, "scaletop-alert", alert.run, kind],
                    environment: environment.map { "\($0.key)=\($0.value)" },
                    output: outputPath, error: outputPath)
                running.append((pid, alert))
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
                let name = TextSanitizer.clean(child.alert.run)
                report("--on-alert exited \(status) for run \(name) (\(child.alert.episode.kind.rawValue))")
            }
            return true
        }
    }

    /// True while a command is still running (the loop then wakes to collect it).
    var hasRunning: Bool { !running.isEmpty }
}
