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
        guard isatty(0) != 0, isatty(1) != 0 else {
            StandardStreams.error("scaletop: the live view needs a terminal; use `scaletop report --json` for scripts")
            throw ExitCode(2)
        }
        var analysis = logs.analysisOptions
        analysis.parametricGrid = .epoch
        var session = LiveSession(
            roots: roots, configuration: logs.configuration(oneShot: false), analysisOptions: analysis,
            sourceLabel: logs.paths.joined(separator: " "), theme: try view.loadTheme())
        session.diagnostics = SweepDiagnostics(options: view.staleOption.options)
        session.alertCommand = view.onAlert
        session.run()
    }
}

/// Options of the screen.
struct ViewOptions: ParsableArguments {
    @Option(name: .customLong("theme"), help: "Colour theme: a name in Themes/ (or $SCALETOP_THEMES).")
    var themeName = "default"

    @OptionGroup var staleOption: StaleOption

    @Flag(name: .customLong("no-color"), help: "No colours (as NO_COLOR does).")
    var noColor = false

    @Option(name: .customLong("on-alert"), help: ArgumentHelp(
        "Run this shell command when a run becomes plateau or diverged (run and status in $SCALETOP_RUN, $SCALETOP_STATUS, $SCALETOP_REASON, and as $1 $2; its output is discarded).",
        valueName: "CMD"))
    var onAlert: String?

    func loadTheme() throws -> Theme {
        var environment = ProcessInfo.processInfo.environment
        if noColor { environment["NO_COLOR"] = "1" }
        let directories = ThemeDirectories.candidates(environment: environment)
        for directory in directories where FileManager.default.fileExists(atPath: ThemeLoader(directory: directory).path(of: themeName)) {
            do {
                return try ThemeLoader(directory: directory).load(named: themeName, environment: environment)
            } catch {
                StandardStreams.error("scaletop: \(error)")
                throw ExitCode(2)
            }
        }
        if themeName == "default" {
            var fallback = Theme.builtInDefault
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { fallback = fallback.monochrome() }
            return fallback
        }
        StandardStreams.error("scaletop: no theme '\(themeName)' in \(directories.joined(separator: ", "))")
        throw ExitCode(2)
    }
}

/// Where themes are looked for: $SCALETOP_THEMES, ~/.config/scaletop/themes, and the Themes/
/// folder of the checkout the binary was built in.
enum ThemeDirectories {
    static func candidates(environment: [String: String]) -> [String] {
        var result: [String] = []
        if let custom = environment["SCALETOP_THEMES"] { result.append(custom) }
        if let home = environment["HOME"] { result.append(home + "/.config/scaletop/themes") }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            result.append(url.appendingPathComponent("Themes").path)
            url.deleteLastPathComponent()
        }
        return result
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
