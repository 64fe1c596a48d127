import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

@main
struct ScaleTop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaletop",
        abstract: "Watch scaling-law sweeps: loss against compute, the compute envelope and its power-law fit.",
        subcommands: [LiveCommand.self, ReportCommand.self, ExportCommand.self, SimulateCommand.self, DemoCommand.self],
        defaultSubcommand: LiveCommand.self)

    /// ArgumentParser's own `main`, except that its error messages, which quote the
    /// arguments, go through `StandardStreams.error` (sanitized) instead of raw.
    static func main() {
        InteractiveBacktraceOff.apply()
        do {
            var command = try parseAsRoot()
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
