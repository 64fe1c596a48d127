import Foundation

/// A `scaletop` process left running (`--follow`), whose output lines can be awaited with a
/// deadline instead of a fixed sleep. Output goes to a file that is re-read while waiting,
/// which needs no pipe handler threads; the
/// child is killed when this object goes away.
public final class RunningProcess {
    public let process: ChildProcess
    private let outputURL: URL

    private let errorURL: URL

    /// `environment` changes ours for the child.
    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-follow-\(UUID().uuidString)").path
        outputURL = URL(fileURLWithPath: stem + ".out")
        errorURL = URL(fileURLWithPath: stem + ".err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process = try ChildProcess(ScaleTopProcess.executable.path, arguments, environment: env, output: outputURL.path, error: errorURL.path)
    }

    /// What it printed on standard error so far.
    public var errorOutput: String {
        String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self)
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

    /// Lines already handed out by `waitForNextLine`.
    private var consumed = 0

    /// Waits for a line printed after the one the previous call returned that satisfies
    /// `condition`, so that a state the output passed through earlier (one point, say, before
    /// the file was truncated back to one point) does not count.
    public func waitForNextLine(timeout: TimeInterval = 20, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let lines = output
            if consumed < lines.count, let k = lines[consumed...].firstIndex(where: condition) {
                consumed = k + 1
                return lines[k]
            }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// Sends a signal and waits (at most `timeout` seconds) for the exit status; -1 if it
    /// did not exit in time (it is then killed).
    public func stop(_ signal: Int32 = SIGTERM, timeout: TimeInterval = 30) -> Int32 {
        process.signal(signal)
        return (try? process.waitOrKill(timeout: timeout)) ?? -1
    }

    deinit {
        try? FileManager.default.removeItem(at: outputURL)
        try? FileManager.default.removeItem(at: errorURL)
    }
}
