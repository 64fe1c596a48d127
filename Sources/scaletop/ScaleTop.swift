import ArgumentParser

@main
struct ScaleTop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaletop",
        abstract: "Watch scaling-law sweeps: loss against compute, the compute envelope and its power-law fit.",
        version: "scaletop \(version) (commit \(BuildCommit.id))",
        subcommands: [LiveCommand.self, ReportCommand.self, ExportCommand.self, SimulateCommand.self, DemoCommand.self],
        defaultSubcommand: LiveCommand.self)

    /// The release this source is (the commit says exactly which build).
    static let version = "0.1.0"
}
