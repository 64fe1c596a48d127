import ArgumentParser

@main
struct ScaleTop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaletop",
        abstract: "Watch scaling-law sweeps: loss against compute, the compute envelope and its power-law fit.",
        subcommands: [LiveCommand.self, ReportCommand.self, ExportCommand.self, SimulateCommand.self, DemoCommand.self],
        defaultSubcommand: LiveCommand.self)

    static func main() {
        InteractiveBacktraceOff.apply()
        main(nil)
    }
}
