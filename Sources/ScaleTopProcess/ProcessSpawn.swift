#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts child processes with `posix_spawn` and reaps them by pid, never blocking: the
/// `--on-alert` command, and the tests' children. Standard input, output and error are paths
/// (files or `/dev/null`, never our terminal), nothing else of ours is inherited, and the child
/// starts with an empty signal mask and default dispositions whatever ours are.
public enum ProcessSpawn {
    public struct Failure: Error, CustomStringConvertible {
        public let executable: String
        public let code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` (a path) with `arguments` and exactly `environment` ("KEY=value").
    /// `output` may be `/dev/stderr` (ours), and `error` the same path as `output`.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String],
        input: String = "/dev/null", output: String = "/dev/null", error: String = "/dev/null"
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if error == output {
            // The same place twice: share the descriptor (glibc closes the target before it
            // opens, so /dev/stderr could not be opened for 2 itself).
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        }
        // An inherited descriptor could keep a pipe's reader waiting, or our terminal open.
        if let closeFrom = addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        setCleanSignals(&attributes)

        let argv = ([executable] + arguments).map { strdup($0) }
        let env = environment.map { strdup($0) }
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
        guard code == 0 else { throw Failure(executable: executable, code: code) }
        return pid
    }

    /// Sets `attributes` so the child starts with an empty signal mask and default dispositions
    /// whatever ours are (`ownGroup`: also in a process group of its own).
    static func setCleanSignals(_ attributes: inout posix_spawnattr_t, ownGroup: Bool = false) {
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGWINCH, SIGTSTP, SIGTTOU, SIGTTIN, SIGQUIT] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
    }

    /// The child's exit status once it has ended (its exit code, or 128 + the signal that
    /// ended it; -1 if it is not ours to wait for), nil while it runs. Never blocks.
    public static func reap(_ pid: pid_t) -> Int32? {
        var usage = rusage()
        return reap(pid, usage: &usage)
    }

    /// The same, also filling `usage` (peak RSS and CPU times) once the child has ended.
    public static func reap(_ pid: pid_t, usage: inout rusage) -> Int32? {
        var status: Int32 = 0
        let result = wait4(pid, &status, WNOHANG, &usage)
        if result == 0 { return nil }
        if result < 0 { return errno == EINTR ? nil : -1 }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which the Glibc
    /// module does not export.
    static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
}
