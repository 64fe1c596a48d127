#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Keeps the Swift runtime's crash reporter from waiting for keys. On a terminal it defaults to
/// interactive ("Press space to interact…", 30 s) and would draw over the dashboard. The runtime
/// reads `SWIFT_BACKTRACE` once, before `main`, so setting it now is too late: when it is unset
/// and a terminal is attached, the process executes itself again once with `interactive=no`
/// (the crash report itself is kept). A `SWIFT_BACKTRACE` the user set is left alone.
enum InteractiveBacktraceOff {
    static let variable = "SWIFT_BACKTRACE"
    static let setting = "interactive=no"

    static func apply() {
        guard getenv(variable) == nil, isatty(0) != 0 || isatty(1) != 0 || isatty(2) != 0 else { return }
        // The executable's own path, not /proc/self/exe, so the process keeps its name.
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &path, path.count - 1)
        // No /proc: carry on with the runtime's defaults.
        guard n > 0 else { return }
        setenv(variable, setting, 1)
        // argv as the process got it (CommandLine.unsafeArgv ends with a null pointer).
        execv(path, CommandLine.unsafeArgv)
    }
}
