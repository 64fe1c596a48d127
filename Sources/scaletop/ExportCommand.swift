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

    @Option(help: ArgumentHelp("Write the figure (loss vs compute, envelope, fit, target) to this SVG file.", valueName: "FILE"))
    var svg: String?

    @Option(help: ArgumentHelp("Write envelope.csv, runs.csv and fit.csv into this directory (created if missing).", valueName: "DIR"))
    var csv: String?

    @Option(help: "Width of the figure in pixels.")
    var width: Int = 960

    @Option(help: "Height of the figure in pixels.")
    var height: Int = 600

    @Option(name: .customLong("theme"), help: "Colour theme of the figure (a name in Themes/); default: light.")
    var themeName = "light"

    @Option(help: "Title above the figure (default: none).")
    var title: String?

    func validate() throws {
        if svg == nil && csv == nil { throw ValidationError("give --svg FILE, --csv DIR or both") }
        if !(200...20_000).contains(width) || !(150...20_000).contains(height) {
            throw ValidationError("--width must be in 200...20000 and --height in 150...20000")
        }
    }

    func run() throws {
        let roots = try logs.roots()
        let reader = SweepReader(roots: roots, configuration: logs.configuration(oneShot: true))
        reader.poll(now: MonotonicClock.now())
        var analyzer = SweepAnalyzer(options: logs.analysisOptions)
        let analysis = analyzer.analyze(reader.sweep)
        var diagnostics = SweepDiagnostics()
        let diagnoses = diagnostics.diagnose(reader.sweep, analysis: analysis, now: nil)
        let plot = ViewExport.plotModel(sweep: reader.sweep, analysis: analysis, diagnoses: diagnoses, targetFlops: logs.target, xAxis: .flops)
        let theme: Theme
        do {
            theme = try ViewExport.paperTheme(named: themeName, fallback: .builtInDefault)
        } catch {
            StandardStreams.error("scaletop: \(error)")
            throw ExitCode(2)
        }
        let figure = SVGPlot(theme: theme, width: width, height: height, title: title)
        do {
            let written = try ViewExport.write(
                plot: plot, sweep: reader.sweep, analysis: analysis, targetFlops: logs.target, figure: figure,
                svgPath: svg, csvDirectory: csv)
            for path in written { StandardStreams.output("wrote \(path)\n") }
        } catch {
            StandardStreams.error("scaletop: cannot write: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
