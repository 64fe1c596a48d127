import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// In a sweep of two recipes each run's landing verdict is judged against its own group's
/// envelope fit: a recipe worth twice the baseline's compute lands on its own line, and only
/// below the baseline's.
@Suite struct GroupLandingLineTests {
    static func read(_ plan: SweepPlan) throws -> (Sweep, TemporaryDirectory) {
        let dir = try TemporaryDirectory(prefix: "group-landing")
        _ = try SweepWriter(plan: plan, directory: dir.path, instant: true).write()
        return (try SweepFixture.readOnce([dir.path]).sweep, dir)
    }

    @Test func eachGroupsRunsAreJudgedAgainstTheirOwnGroupsLine() throws {
        let plan = SweepPlan.comparison(worth: .constant(2), runCount: 8, seed: 3, pointsPerRun: 300)
        let (sweep, _) = try Self.read(plan)
        var options = SweepAnalysisOptions()
        options.targetFlops = 1e20
        options.parametricResamples = 0
        var analyzer = SweepAnalyzer(options: options)
        let analysis = analyzer.analyze(sweep, withBand: false)
        #expect(analysis.scopeGroup == "base")
        let grouped = try #require(analysis.grouped)
        let newFit = try #require(grouped.groups.first { $0.name == "new" }?.fit)
        let baseFit = try #require(analysis.envelopeFit)

        var diagnostics = SweepDiagnostics()
        let own = diagnostics.diagnose(sweep, analysis: analysis, now: nil)
        var againstBaseline = SweepDiagnostics()
        let baselineOnly = againstBaseline.diagnose(sweep, fit: baseFit, now: nil)

        let newRuns = sweep.runs.filter { sweep.group(of: $0) == "new" }.map(\.name)
        let baseRuns = sweep.runs.filter { sweep.group(of: $0) == "base" }.map(\.name)
        #expect(newRuns.count == 8 && baseRuns.count == 8)
        var judged = 0
        for name in newRuns {
            guard let projection = own[name]?.projection, let flops = projection.finalFlops,
                  let line = projection.predictedLoss else { continue }
            judged += 1
            // The line read at the run's planned compute is the new group's fit, not the baseline's.
            #expect(abs(line / newFit.loss(at: flops) - 1) < 1e-9, "\(name): line \(line)")
            #expect(abs(line / baseFit.loss(at: flops) - 1) > 0.01, "\(name): line \(line) is the baseline's")
        }
        #expect(judged >= 6)
        func count(_ verdict: LandingVerdict, _ diagnoses: [String: RunDiagnosis], _ runs: [String]) -> Int {
            runs.filter { diagnoses[$0]?.projection?.verdict == verdict }.count
        }
        // Against the baseline's line the better recipe reads below it; against its own, it
        // reads as the baseline's runs read against theirs.
        let belowBaseline = count(.below, baselineOnly, newRuns)
        let belowOwn = count(.below, own, newRuns)
        #expect(belowBaseline >= 4, "below the baseline's line: \(belowBaseline)")
        #expect(belowOwn <= 1, "below its own line: \(belowOwn)")
        #expect(count(.below, own, baseRuns) <= 1)
        // The baseline's runs are judged as before: against the headline fit.
        for name in baseRuns {
            #expect(own[name]?.projection?.predictedLoss == baselineOnly[name]?.projection?.predictedLoss, "\(name)")
        }
    }
}
