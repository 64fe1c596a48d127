import ArgumentParser
import ScaleTopCore
#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

@main
struct ScaleTop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaletop",
        abstract: "Watch scaling-law sweeps: loss against compute, the compute envelope and its power-law fit.",
        discussion: """
            Examples:
              scaletop runs/ --target 1e23     watch a sweep live (q quits, ? keys)
              scaletop report runs/ --json     the analysis once, as JSON
              scaletop report runs/ --json --follow --on-alert ./notify.sh
              scaletop export runs/ --svg fig.svg --csv data/
              scaletop demo                    a simulated sweep, live
            """,
        version: "scaletop \(version) (commit \(BuildCommit.id))",
        subcommands: [LiveCommand.self, ReportCommand.self, ExportCommand.self, SimulateCommand.self, DemoCommand.self],
        defaultSubcommand: LiveCommand.self)

    /// The release this source is (the commit says exactly which build).
    static let version = "0.1.0"
    /// The arguments as given: one that is not UTF-8 (a file name) becomes its escaped text,
    /// remembered with its bytes by `RawPaths` (CommandLine.arguments would have replaced
    /// those bytes with U+FFFD, naming no file).
    static func arguments() -> [String] {
        (1..<Int(CommandLine.argc)).map { i in
            guard let p = CommandLine.unsafeArgv[i] else { return "" }
            return RawPaths.path(Array(UnsafeRawBufferPointer(start: p, count: strlen(p))))
        }
    }

    /// ArgumentParser's own `main`, except that its error messages, which quote the
    /// arguments, go through `StandardStreams.error` (sanitized) instead of raw.
    static func main() {
        InteractiveBacktraceOff.apply()
        // Ctrl-\ ends any command as SIGTERM would, without the runtime's crash report (the
        // live view and --follow install their own handler, which restores the terminal first).
        signal(SIGQUIT) { _ in _exit(128 + SIGQUIT) }
        // Before any thread starts: the runtime's thread pool aborts when it cannot open its
        // own descriptors.
        let descriptors = DescriptorLimit.raiseToHardLimit()
        if descriptors < DescriptorLimit.minimum {
            StandardStreams.error("scaletop: needs at least \(DescriptorLimit.minimum) open files, and the limit (ulimit -n) is \(descriptors)")
            Glibc.exit(1)
        }
        do {
            var command = try parseAsRoot(arguments())
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { StandardStreams.output(message + "\n") }
            } else if !message.isEmpty {
                StandardStreams.error(message)
            }
            Glibc.exit(code.rawValue)
        }
    }
}
