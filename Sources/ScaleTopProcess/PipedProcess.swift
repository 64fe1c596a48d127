#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process whose standard input and output are pipes to us (standard error goes to a
/// file): the ssh connection behind a remote host. The executable is looked up on `PATH` like
/// a shell would, and the child starts with default signal dispositions, as `ProcessSpawn`'s.
public final class PipedProcess: @unchecked Sendable {
    public let pid: pid_t
    /// Our end of the child's standard input (write requests here); -1 once closed.
    public private(set) var input: Int32
    /// Our end of the child's standard output (non-blocking); -1 once closed.
    public private(set) var output: Int32
    private var exitStatus: Int32?

    /// Starts `arguments[0]` (a name looked up on PATH, or a path) with the rest as its
    /// arguments, our environment plus `extraEnvironment`, and standard error appended to `errorPath`.
    public init(_ arguments: [String], extraEnvironment: [String] = [], errorPath: String) throws {
        precondition(!arguments.isEmpty)
        var toChild: [Int32] = [-1, -1]
        var fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { throw ProcessSpawn.Failure(executable: arguments[0], code: errno) }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            throw ProcessSpawn.Failure(executable: arguments[0], code: errno)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if let closeFrom = ProcessSpawn.addCloseFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: a Ctrl-C meant for us does not reach ssh first.
        ProcessSpawn.setCleanSignals(&attributes, ownGroup: true)
        let argv = arguments.map { strdup($0) }
        var environmentLines: [String] = []
        var entry = environ
        while let line = entry.pointee {
            environmentLines.append(String(cString: line))
            entry += 1
        }
        let env = (environmentLines + extraEnvironment).map { strdup($0) }
        defer {
            argv.forEach { free($0) }
            env.forEach { free($0) }
        }
        var child: pid_t = 0
        let code = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (env + [nil]).withUnsafeBufferPointer { envBuffer in
                posix_spawnp(&child, arguments[0], &actions, &attributes, argvBuffer.baseAddress!, envBuffer.baseAddress!)
            }
        }
        close(toChild[0])
        close(fromChild[1])
        guard code == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw ProcessSpawn.Failure(executable: arguments[0], code: code)
        }
        for fd in [toChild[1], fromChild[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fromChild[0], F_SETFL, fcntl(fromChild[0], F_GETFL) | O_NONBLOCK)
        #if os(Linux)
        // A larger pipe: a fast child wakes us less often (1 MiB, the default unprivileged limit).
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ, which Glibc does not export
        _ = fcntl(fromChild[0], setPipeSize, 1 << 20)
        #endif
        pid = child
        input = toChild[1]
        output = fromChild[0]
    }

    deinit { terminate() }

    /// Ends the child (SIGKILL: a hung ssh would not heed less), closes our ends and reaps it.
    public func terminate() {
        if exitStatus == nil && ProcessSpawn.reap(pid) == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            exitStatus = 128 + SIGKILL
        }
        closeInput()
        if output >= 0 { close(output); output = -1 }
    }

    /// Closes the child's standard input (it sees end of file).
    public func closeInput() {
        if input >= 0 { close(input); input = -1 }
    }

    /// The exit status once it ended (see `ProcessSpawn.reap`), nil while it runs.
    public func reap() -> Int32? {
        if let exitStatus { return exitStatus }
        exitStatus = ProcessSpawn.reap(pid)
        return exitStatus
    }
}
