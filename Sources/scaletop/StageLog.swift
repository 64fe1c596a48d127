import Foundation
import ScaleTopCore

/// Writes each stage's CPU seconds to `$SCALETOP_STAGE_LOG` (replacing the file, at most every
/// `interval` seconds), for `scaletop-bench live --trickle`; nothing without the variable.
struct StageLog {
    let path: String?
    var interval = 2.0
    private var lastWrite = -Double.infinity

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = environment["SCALETOP_STAGE_LOG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Writes `stages` when the last write is `interval` old (or `force`).
    mutating func write(_ stages: StageCPU, now: Double, force: Bool = false) {
        guard let path, force || now - lastWrite >= interval else { return }
        lastWrite = now
        try? Data(stages.json.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
