import Foundation
import ScaleTopCore

/// Writes a sweep's files into a directory, each line when it is due (or all at once), one file per
/// run, named `<run name>.jsonl`. The simulator's event loop: the one place here that knows the time.
public struct SweepWriter: Sendable {
    public let plan: SweepPlan
    public let directory: String
    public let speed: Double
    /// Write every line at once instead of in real time; line times then end at the start time.
    public let instant: Bool

    /// Longest single sleep, so a stop request is honoured within this many seconds.
    static let sleepSlice = 0.1
    /// In instant mode lines are gathered into writes of about this size (still whole lines only),
    /// which makes benchmark-sized sweeps quick to write.
    static let instantChunkBytes = 1 << 16

    public init(plan: SweepPlan, directory: String, speed: Double = 1, instant: Bool = false) {
        precondition(speed > 0, "speed must be positive")
        self.plan = plan
        self.directory = directory
        self.speed = speed
        self.instant = instant
    }

    public struct Summary: Sendable, Equatable {
        public var files: [String]
        public var linesWritten: Int
        /// False when `shouldStop` ended the writing early.
        public var completed: Bool
    }

    public func filePath(for run: RunPlan) -> String {
        (directory as NSString).appendingPathComponent(run.name + ".jsonl")
    }

    /// The unix time a sweep should start at so that it ends at `now` when written instantly, or
    /// starts at `now` when written live.
    public func startTime(now: Double) -> Double {
        instant ? now - plan.durationSeconds / speed : now
    }

    /// Writes the sweep. `shouldStop` is asked between lines and while waiting; when it answers
    /// true the files are closed after the last whole line and the summary says `completed: false`.
    public func write(
        now: () -> Double = { Date().timeIntervalSince1970 },
        sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
        shouldStop: () -> Bool = { false }
    ) throws -> Summary {
        try createDirectory()
        // Grouped runs are named `group/run`: their files go in a folder per group.
        for folder in Set(plan.runs.map { (filePath(for: $0) as NSString).deletingLastPathComponent }) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let files = try plan.runs.map { try AppendOnlyLogFile(path: filePath(for: $0)) }
        defer { files.forEach { $0.close() } }
        var buffers = [[UInt8]](repeating: [], count: files.count)
        var linesWritten = 0
        var completed = true

        for line in SweepTimeline(plan: plan, startTime: startTime(now: now()), speed: speed) {
            if !instant && !waitUntil(line.dueTime, now: now, sleep: sleep, shouldStop: shouldStop) {
                completed = false
                break
            }
            if shouldStop() {
                completed = false
                break
            }
            buffers[line.runIndex].append(contentsOf: line.text.utf8)
            buffers[line.runIndex].append(UInt8(ascii: "\n"))
            if !instant || buffers[line.runIndex].count >= Self.instantChunkBytes {
                try files[line.runIndex].append(buffers[line.runIndex])
                buffers[line.runIndex].removeAll(keepingCapacity: true)
            }
            linesWritten += 1
        }
        for index in files.indices where !buffers[index].isEmpty {
            try files[index].append(buffers[index])
        }
        return Summary(files: files.map(\.path), linesWritten: linesWritten, completed: completed)
    }

    /// Sleeps in short slices until `time`; false if told to stop first.
    private func waitUntil(
        _ time: Double, now: () -> Double, sleep: (Double) -> Void, shouldStop: () -> Bool
    ) -> Bool {
        while true {
            if shouldStop() { return false }
            let remaining = time - now()
            if remaining <= 0 { return true }
            sleep(min(remaining, Self.sleepSlice))
        }
    }

    private func createDirectory() throws {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SimulationWriteError.cannotCreateDirectory(
                path: directory, reason: error.localizedDescription)
        }
    }
}
