import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid` on its own pid, with a
/// deadline on every wait.
///
/// Foundation's `Process` is not used in the tests: on Linux its `waitUntilExit()` can miss the
/// exit of a child when several are started from concurrent tests (seen here: a `tmux
/// new-session` that had exited left a test waiting for ever, and CI over its time limit).
/// Standard input, output and error are files, never pipes, so no child that inherits a
/// descriptor can keep another test waiting for an end of file either.
public final class ChildProcess {
    public enum Failure: Error, CustomStringConvertible {
        case spawn(String, Int32)
        case timedOut(String, TimeInterval)

        public var description: String {
            switch self {
            case let .spawn(path, code): "cannot start \(path): \(String(cString: strerror(code)))"
            case let .timedOut(path, seconds): "\(path) did not exit within \(seconds) s (killed)"
            }
        }
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
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // Nothing else of ours is inherited: a tmux server outlives the test run, and an
        // inherited pipe would keep whoever reads its other end waiting.
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }

        // The test runner's signal mask and dispositions are not the child's business.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGWINCH, SIGTSTP, SIGTTOU, SIGTTIN] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            env.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (env + [nil]).withUnsafeBufferPointer { envBuffer in
                posix_spawn(&pid, executable, &actions, &attributes, argvBuffer.baseAddress!, envBuffer.baseAddress!)
            }
        }
        guard code == 0 else { throw Failure.spawn(executable, code) }
        self.pid = pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which the Glibc
    /// module does not export.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// True until the child has exited and been reaped.
    public var isRunning: Bool { poll() == nil }

    /// The exit status once reaped: the exit code, or 128 + the signal that ended it.
    private func poll() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else {
            if result < 0 && errno != EINTR { exitStatus = -1 }  // not ours to wait for any more
            return exitStatus
        }
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
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
        throw Failure.timedOut(executable, timeout)
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
