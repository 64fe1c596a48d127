import Foundation
import ScaleTopCore
import ScaleTopTUI
#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Writes the plot as an SVG figure and its data as CSV files: shared by `scaletop export` and
/// the live view's `w` key, so both write the same thing for the same view.
enum ViewExport {
    /// The view's content, with the diagnostics' markers (as the live view builds it).
    static func content(sweep: Sweep, analysis: SweepAnalysis, diagnoses: [String: RunDiagnosis], targetFlops: Double?, xAxis: PlotXAxis) -> DashboardContent {
        let context = DashboardContext(
            targetFlops: targetFlops, verdicts: diagnoses.mapValues(\.verdict),
            onsets: diagnoses.compactMapValues(\.onset), projections: diagnoses.compactMapValues(\.projection),
            episodes: diagnoses.mapValues(\.episodes))
        return DashboardContent.make(sweep: sweep, analysis: analysis, context: context, xAxis: xAxis)
    }

    /// Writes `svgPath` (the figure of `plot`; `-` is standard output, see `OutputFile`) and, with
    /// `csvDirectory`, envelope.csv, runs.csv and fit.csv there (created if missing). Returns the
    /// paths written.
    @discardableResult
    static func write(
        plot: PlotModel, sweep: Sweep, analysis: SweepAnalysis, targetFlops: Double?, figure: SVGPlot,
        svgPath: String?, csvDirectory: String?
    ) throws -> [String] {
        var written: [String] = []
        if let svgPath {
            try writeFile(figure.render(plot), to: svgPath)
            written.append(svgPath)
        }
        if let csvDirectory {
            try DirectoryCreation.createAll(csvDirectory)
            // The fit is in compute: fit.csv comes from the FLOPs view whatever the x axis shown.
            let flopsPlot = plot.xAxis == .flops ? plot : PlotModel.make(sweep: sweep, analysis: analysis, options: .init(xAxis: .flops, targetFlops: targetFlops))
            // A sweep of groups: each group's envelope and fit, and each run's group.
            var files = [("envelope.csv", CSVExport.envelope(sweep, grouped: analysis.grouped)), ("runs.csv", CSVExport.runs(sweep))]
            if let fit = CSVExport.fit(flopsPlot) { files.append(("fit.csv", fit)) }
            for (name, text) in files {
                let path = (csvDirectory as NSString).appendingPathComponent(name)
                try writeFile(text, to: path)
                written.append(path)
            }
        }
        return written
    }

    /// A file that could not be written, and why.
    struct WriteFailure: Error, CustomStringConvertible {
        var path: String
        var reason: SystemError
        var description: String { "\(path): \(reason)" }
    }

    private static func writeFile(_ text: String, to path: String) throws {
        do {
            try OutputFile.write(Array(text.utf8), to: path)
        } catch {
            throw WriteFailure(path: path, reason: error)
        }
    }

    /// `scaletop-YYYYMMDD-HHMMSS` in local time, without the C locale.
    static func timestampName(_ time: time_t = time(nil)) -> String {
        var t = time
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "scaletop-\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }

    /// The theme figures use: `light` (dark colours on white; a file overriding it counts),
    /// else `fallback` when that cannot be loaded.
    static func paperTheme(fallback: Theme, environment: [String: String] = ProcessInfo.processInfo.environment) -> Theme {
        let loader = ThemeLoader(overrides: ThemeLoader.overrideDirectories(environment: environment))
        return (try? loader.load(named: "light", environment: environment)) ?? fallback
    }

    /// The live view's `w`: the figure and the CSVs of what is on screen into
    /// `$SCALETOP_EXPORT_DIR` (default: the current directory). Returns the notice to show.
    static func writeLiveView(
        content: DashboardContent, state: DashboardState, sweep: Sweep, analysis: SweepAnalysis, targetFlops: Double?,
        sourceLabel: String, theme: Theme
    ) -> String {
        let directory = ProcessInfo.processInfo.environment["SCALETOP_EXPORT_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        let base = (directory as NSString).appendingPathComponent(timestampName())
        do {
            try DirectoryCreation.createAll(directory)
            let paper = paperTheme(fallback: theme)
            var options = PlotDrawOptions(showEnvelope: state.showEnvelope, showFit: state.showFit, logX: state.logX)
            // The figure shows the region the view is zoomed to.
            options.zoom = state.zoom
            // The legend lists the runs in the table's order (its sort, every run).
            let order = RunFilter("").apply(content.rows, sortedBy: state.sortKey, descending: state.sortDescending).map(\.slot)
            let figure = SVGPlot(theme: paper, options: options, title: sourceLabel.isEmpty ? nil : sourceLabel, legendOrder: order)
            try write(plot: content.plot, sweep: sweep, analysis: analysis, targetFlops: targetFlops, figure: figure, svgPath: base + ".svg", csvDirectory: base + "-csv")
            return "wrote \(base).svg and \((base as NSString).lastPathComponent)-csv/"
        } catch {
            return "export failed: \(error)"
        }
    }
}
