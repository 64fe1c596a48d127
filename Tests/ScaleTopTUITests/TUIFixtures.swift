import Foundation
import ScaleTopCore
import ScaleTopSimulation
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
        let reader = try! SweepFixture.readOnce([SharedData.data("sweep-li2025").path])
        var options = SweepAnalysisOptions(targetFlops: target)
        options.bandResamples = 50
        var analyzer = SweepAnalyzer(options: options)
        return Loaded(sweep: reader.sweep, analysis: analyzer.analyze(reader.sweep))
    }()

    /// An IsoFLOP sweep of Chinchilla's law (5 budgets × 7 sizes, a table of final results),
    /// analysed at 1e23 with its three approaches.
    static let isoflop: Loaded = {
        let dir = try! IsoFLOPSweepFixture.write(budgets: [6e18, 3e19, 1e20, 3e20, 1e21], sizes: 7, spread: 4, seed: 2)
        let reader = try! SweepFixture.readOnce([dir.path])
        var options = SweepAnalysisOptions(targetFlops: 1e23)
        options.bandResamples = 50
        var analyzer = SweepAnalyzer(options: options)
        var analysis = analyzer.analyze(reader.sweep)
        analysis.lastRefitMilliseconds = nil
        return Loaded(sweep: reader.sweep, analysis: analysis)
    }()

    /// The demo's simulated sweep stopped at `fraction` of its lines (some runs finished, the
    /// rest still going, one diverged), analysed and diagnosed as the live view does it.
    struct Diagnosed: Sendable {
        var sweep: Sweep
        var analysis: SweepAnalysis
        var diagnoses: [String: RunDiagnosis]

        var context: DashboardContext {
            DashboardContext(
                sourceLabel: "demo (simulated sweep)", targetFlops: TUIFixtures.target, secondsSinceUpdate: 0,
                verdicts: diagnoses.mapValues(\.verdict), onsets: diagnoses.compactMapValues(\.onset),
                projections: diagnoses.compactMapValues(\.projection), episodes: diagnoses.mapValues(\.episodes))
        }
    }

    /// `informed`: the landing projections use what the sweep's finished runs teach (the
    /// schedules they declare, the sweep's L(N, D)), as the live view's do.
    static func simulated(fraction: Double, informed: Bool = false) -> Diagnosed {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-fixture-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plan = SweepPlan.standard(runCount: 8, seed: 1, pointsPerRun: 300)
        let lines = plan.runs.count * plan.pointsPerRun
        var asked = 0
        _ = try! SweepWriter(plan: plan, directory: directory, instant: true).write(shouldStop: {
            asked += 1
            return Double(asked) > fraction * Double(lines)
        })
        let reader = try! SweepFixture.readOnce([directory])
        var options = SweepAnalysisOptions(targetFlops: target)
        options.bandResamples = 50
        var analyzer = SweepAnalyzer(options: options)
        var analysis = analyzer.analyze(reader.sweep)
        analysis.lastRefitMilliseconds = nil
        var diagnostics = SweepDiagnostics()
        let diagnoses = informed ? diagnostics.diagnose(reader.sweep, analysis: analysis, now: nil)
            : diagnostics.diagnose(reader.sweep, fit: analysis.envelopeFit, now: nil)
        return Diagnosed(sweep: reader.sweep, analysis: analysis, diagnoses: diagnoses)
    }

    static let demo = simulated(fraction: 0.97)

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
