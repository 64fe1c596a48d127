import Foundation
import ScaleTopCore
import ScaleTopProcess
#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// A child process started with `ProcessSpawn` (posix_spawn) and reaped with `waitpid` on its
/// own pid, with a deadline on every wait.
///
/// Foundation's `Process` is not used in the tests: on Linux its `waitUntilExit()` can miss the
/// exit of a child when several are started from concurrent tests (seen here: a `tmux
/// new-session` that had exited left a test waiting for ever, and CI over its time limit).
/// Standard input, output and error are files, never pipes, so no child that inherits a
/// descriptor can keep another test waiting for an end of file either.
public final class ChildProcess {
    public struct TimedOut: Error, CustomStringConvertible {
        public let executable: String
        public let seconds: TimeInterval
        public var description: String { "\(executable) did not exit within \(seconds) s (killed)" }
    }

    public let pid: pid_t
    public let executable: String
    private var exitStatus: Int32?

    /// Starts `executable` (a path) with `arguments`; `environment` nil inherits ours.
    /// `input`, `output` and `error` are paths (`/dev/null` by default).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        input: String = "/dev/null", output: String = "/dev/null", error: String = "/dev/null"
    ) throws {
        self.executable = executable
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        pid = try ProcessSpawn.spawn(executable, arguments, environment: env, input: input, output: output, error: error)
    }

    /// The exit status once reaped: the exit code, or 128 + the signal that ended it.
    private func poll() -> Int32? {
        if exitStatus == nil { exitStatus = ProcessSpawn.reap(pid) }
        return exitStatus
    }

    /// Waits up to `timeout` seconds; the exit status, or nil if the child is still running.
    public func wait(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 1_000
        while true {
            if let status = poll() { return status }
            if Date() >= deadline { return nil }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    /// Waits up to `timeout` seconds, then kills the child and throws.
    public func waitOrKill(timeout: TimeInterval) throws -> Int32 {
        if let status = wait(timeout: timeout) { return status }
        signal(SIGKILL)
        _ = wait(timeout: 5)
        throw TimedOut(executable: executable, seconds: timeout)
    }

    public func signal(_ signal: Int32) {
        if exitStatus == nil { kill(pid, signal) }
    }

    deinit {
        if poll() == nil {
            kill(pid, SIGKILL)
            _ = wait(timeout: 5)
        }
    }

    /// The outcome of a child run to its end.
    public struct Outcome {
        public var status: Int32
        public var output: Data
        public var error: Data
    }

    /// Runs `executable` to its end (killed and thrown after `timeout` seconds), feeding it
    /// `input` and collecting what it prints.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        input: Data? = nil, timeout: TimeInterval = 300
    ) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appendingPathComponent("in").path
        let outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path
        _ = FileManager.default.createFile(atPath: inPath, contents: input ?? Data())
        let child = try ChildProcess(executable, arguments, environment: environment,
                                     input: input == nil ? "/dev/null" : inPath, output: outPath, error: errPath)
        let status = try child.waitOrKill(timeout: timeout)
        return Outcome(
            status: status,
            output: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
            error: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data())
    }
}
