import Foundation
import ScaleTopCore
import ScaleTopTestSupport
@testable import ScaleTopTUI

/// The published Li et al. 2025 sweep read once and analysed, shared by the screen tests.
enum TUIFixtures {
    static let target = 1e22

    struct Loaded: Sendable {
        var sweep: Sweep
        var analysis: SweepAnalysis
    }

    static let li2025: Loaded = {
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        let roots = try! LogPaths.resolve([SharedData.data("sweep-li2025").path])
        let reader = SweepReader(roots: roots, configuration: configuration)
        reader.poll(now: 0)
        var options = SweepAnalysisOptions(targetFlops: target)
        options.bandResamples = 50
        var analyzer = SweepAnalyzer(options: options)
        return Loaded(sweep: reader.sweep, analysis: analyzer.analyze(reader.sweep))
    }()

    /// The standard simulated sweep (seed 1, 300 points a run: a plateau, a divergence) read after
    /// every run has ended, and analysed.
    static func finishedSimulatedSweep() throws -> Loaded {
        let directory = try TemporaryDirectory()
        _ = try SweepWriter(plan: .standard(seed: 1, pointsPerRun: 300), directory: directory.path, instant: true).write()
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        let reader = SweepReader(roots: try LogPaths.resolve([directory.path]), configuration: configuration)
        reader.poll(now: 0)
        var options = SweepAnalysisOptions(targetFlops: target)
        options.bandResamples = 50
        var analyzer = SweepAnalyzer(options: options)
        return Loaded(sweep: reader.sweep, analysis: analyzer.analyze(reader.sweep))
    }

    /// `base` with the diagnostics of `loaded` (as the live view passes them).
    static func diagnosedContext(_ loaded: Loaded, base: DashboardContext) -> DashboardContext {
        var diagnostics = SweepDiagnostics()
        let diagnoses = diagnostics.diagnose(loaded.sweep, fit: loaded.analysis.envelopeFit, now: nil)
        var context = base
        context.verdicts = diagnoses.mapValues(\.verdict)
        context.landings = diagnoses.compactMapValues { $0.projection?.phrase }
        context.onsets = diagnoses.compactMapValues(\.onset)
        context.projections = diagnoses.compactMapValues(\.projection)
        context.episodes = diagnoses.mapValues(\.episodes)
        return context
    }

    static let context = DashboardContext(sourceLabel: "sweep-li2025/", targetFlops: target, secondsSinceUpdate: 2)

    static func content(xAxis: PlotXAxis = .flops) -> DashboardContent {
        DashboardContent.make(sweep: li2025.sweep, analysis: li2025.analysis, context: context, xAxis: xAxis)
    }

    static func screen(width: Int, height: Int, state: DashboardState = DashboardState(), glyphs: Glyphs = .unicode) -> CellGrid {
        DashboardView(theme: .builtInDefault, glyphs: glyphs).render(content(xAxis: state.xAxis), state: state, width: width, height: height)
    }

    /// Every cell free of control characters (C0, C1, DEL).
    static func hasNoControlCharacters(_ grid: CellGrid) -> Bool {
        grid.cells.allSatisfy { !$0.character.unicodeScalars.contains(where: TextSanitizer.isControl) }
    }
}
