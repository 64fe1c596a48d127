import ArgumentParser
import Foundation
import ScaleTopCore
import ScaleTopTUI

/// `scaletop export PATH... --svg out.svg --csv DIR`: the view as a vector figure for a paper,
/// and its data (envelope, runs, fit) as CSV files. Analysis as `report` does it.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plot as an SVG figure (--svg) and its data as CSV files (--csv DIR).")

    @OptionGroup var logs: LogOptions

    @Option(help: ArgumentHelp("Write the figure (loss vs compute, envelope, fit, target) to this SVG file ('-': standard output; a link is written through, a device or FIFO written directly).", valueName: "FILE"))
    var svg: String?

    @Option(help: ArgumentHelp("Write envelope.csv, runs.csv and fit.csv into this directory (created if missing).", valueName: "DIR"))
    var csv: String?

    @Option(help: "Width of the figure in pixels.")
    var width: Int = 960

    @Option(help: "Height of the figure in pixels.")
    var height: Int = 600

    @Option(name: .customLong("theme"), help: "Colour theme of the figure (default, dark, light, or a NAME.toml in $SCALETOP_THEMES or ~/.config/scaletop/themes).")
    var themeName = "light"

    @Option(help: "Title above the figure (default: none).")
    var title: String?

    func validate() throws {
        if svg == nil && csv == nil { throw ValidationError("give --svg FILE, --csv DIR or both") }
        if csv == OutputFile.standardOutput {
            throw ValidationError("--csv takes a directory (it writes three files); '-' is for --svg")
        }
        if !(200...20_000).contains(width) || !(150...20_000).contains(height) {
            throw ValidationError("--width must be in 200...20000 and --height in 150...20000")
        }
    }

    func run() throws {
        let roots = try logs.roots()
        let reader = SweepReader(roots: roots, configuration: logs.configuration(oneShot: true))
        reader.poll(now: MonotonicClock.now())
        try logs.checkRemoteReads(reader)
        let unmatched = reader.unmatchedOverrides
        if !unmatched.isEmpty {
            for message in unmatched { StandardStreams.error("scaletop: \(TextSanitizer.clean(message))") }
            throw ExitCode(2)
        }
        var analyzer = SweepAnalyzer(options: logs.analysisOptions)
        let analysis = analyzer.analyze(reader.sweep)
        var diagnostics = SweepDiagnostics()
        diagnostics.singleLook = true
        let diagnoses = diagnostics.diagnose(reader.sweep, analysis: analysis, now: nil)
        let content = ViewExport.content(sweep: reader.sweep, analysis: analysis, diagnoses: diagnoses, targetFlops: logs.target, xAxis: .flops)
        let plot = content.plot
        let theme = try ThemeChoice.load(themeName)
        // The legend lists the runs as the live view's table does by default.
        let figure = SVGPlot(theme: theme, width: width, height: height, title: title, legendOrder: content.tableOrder(for: DashboardState()).map(\.slot))
        do {
            let written = try ViewExport.write(
                plot: plot, sweep: reader.sweep, analysis: analysis, targetFlops: logs.target, figure: figure,
                svgPath: svg, csvDirectory: csv)
            // With the figure on standard output, the list of what was written goes to standard error.
            let toStandardOutput = svg.map { OutputFile.isStandardOutput($0) } ?? false
            for path in written where !(toStandardOutput && path == svg) {
                if toStandardOutput { StandardStreams.error("wrote \(path)") } else { StandardStreams.output("wrote \(path)\n") }
            }
        } catch {
            let reason = (error as? ViewExport.WriteFailure).map { " \($0)" } ?? (error as? DirectoryCreation.Failure).map { " \($0)" }
                ?? ": \(error.localizedDescription)"
            StandardStreams.error("scaletop: cannot write\(reason)")
            throw ExitCode(1)
        }
    }
}
