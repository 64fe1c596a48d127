import ArgumentParser
import Foundation
import ScaleTopCore
import ScaleTopTUI

/// `scaletop PATH...`: the live view.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Watch logs live: loss against compute, the envelope, its fit and the extrapolation to --target.")

    @OptionGroup var logs: LogOptions
    @OptionGroup var view: ViewOptions

    func run() throws {
        let roots = try logs.roots()
        if roots.contains(.standardInput) {
            StandardStreams.error("scaletop: the live view reads keys from standard input, so it cannot read logs there; use `scaletop report - --json --follow`")
            throw ExitCode(2)
        }
        // The theme first: a wrong name is told as such, also where there is no terminal.
        let theme = try view.loadTheme()
        guard isatty(0) != 0, isatty(1) != 0 else {
            StandardStreams.error("scaletop: the live view needs a terminal; use `scaletop report --json` for scripts")
            throw ExitCode(2)
        }
        var analysis = logs.analysisOptions
        analysis.parametricGrid = .epoch
        var session = LiveSession(
            roots: roots, configuration: logs.configuration(oneShot: false), analysisOptions: analysis,
            sourceLabel: logs.paths.joined(separator: " "), theme: theme)
        session.diagnostics = SweepDiagnostics(options: view.staleOption.options)
        session.alertCommand = view.onAlert
        session.mouse = !view.noMouse
        session.run()
    }
}

/// Options of the screen.
struct ViewOptions: ParsableArguments {
    @Option(name: .customLong("theme"), help: "Colour theme: default, dark, light, or a NAME.toml in $SCALETOP_THEMES or ~/.config/scaletop/themes.")
    var themeName = "default"

    @OptionGroup var staleOption: StaleOption

    @Flag(name: .customLong("no-color"), help: "No colours (as NO_COLOR does).")
    var noColor = false

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (selecting text): no clicks, wheel or drags on the plot.")
    var noMouse = false

    @Option(name: .customLong("on-alert"), help: ArgumentHelp(
        "Run this shell command when a run becomes plateau or diverged (run and status in $SCALETOP_RUN, $SCALETOP_STATUS, $SCALETOP_REASON, and as $1 $2; its output is discarded).",
        valueName: "CMD"))
    var onAlert: String?

    func loadTheme() throws -> Theme {
        var environment = ProcessInfo.processInfo.environment
        if noColor { environment["NO_COLOR"] = "1" }
        return try ThemeChoice.load(themeName, environment: environment)
    }
}

/// Loads a theme by name for a command: the built-in themes, overridden by files in
/// `ThemeLoader.overrideDirectories`. A bad or unknown theme is a message and exit status 2.
enum ThemeChoice {
    static func load(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        let loader = ThemeLoader(overrides: ThemeLoader.overrideDirectories(environment: environment))
        do {
            return try loader.load(named: name, environment: environment)
        } catch {
            StandardStreams.error("scaletop: \(error)")
            throw ExitCode(2)
        }
    }
}

/// `--stale`: when a quiet run counts as stale.
struct StaleOption: ParsableArguments {
    @Option(name: .customLong("stale"), help: "Seconds without a new line before a run that has not finished counts as stale.")
    var seconds: Double = 600

    var options: DiagnosticsOptions {
        var options = DiagnosticsOptions()
        options.staleAfterSeconds = seconds
        return options
    }
}
