import Foundation

/// A `scaletop` process left running (`--follow`), whose output lines can be awaited with a
/// deadline instead of a fixed sleep. Output goes to a file that is re-read while waiting,
/// which needs no pipe handler threads.
public final class RunningProcess {
    public let process = Process()
    private let outputURL: URL

    public init(_ arguments: [String]) throws {
        outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-follow-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        process.executableURL = ScaleTopProcess.executable
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Complete lines printed so far.
    public var output: [String] {
        guard let data = try? Data(contentsOf: outputURL) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // the text after the last newline is not a line yet
        return lines
    }

    /// Waits until a printed line satisfies `condition`; returns it, or nil after `timeout`.
    public func waitForLine(timeout: TimeInterval = 10, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let line = output.last(where: condition) { return line }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// Sends a signal and waits for the exit status.
    public func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: outputURL)
    }
}
