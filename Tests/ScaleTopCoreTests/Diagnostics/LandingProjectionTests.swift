import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

@Suite struct LandingProjectionTests {
    func li2025() throws -> (Sweep, EnvelopeFit) {
        let reader = SweepReader(roots: try LogPaths.resolve([SharedData.data("sweep-li2025").path]))
        _ = reader.poll(now: 0)
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions())
        analyzer.options.bandResamples = 0
        return (reader.sweep, try #require(analyzer.analyze(reader.sweep).envelopeFit))
    }

    /// The verdict a finished run deserves: its final loss against the fit's prediction ± 1 %.
    func truth(_ final: Double, _ predicted: Double) -> LandingVerdict {
        final > predicted * 1.01 ? .above : final < predicted * 0.99 ? .below : .on
    }

    @Test func fromHalfWayTheRealRunsMostlyGetTheVerdictTheirEndEarned() throws {
        let (sweep, fit) = try li2025()
        var agree = 0
        var errors: [Double] = []
        for run in sweep.runs {
            let series = CurveSeries(run: run)
            let half = series.prefix(series.count / 2)
            let d = RunDiagnostics.diagnose(half, context: RunDiagnosticsContext(envelopeFit: fit))
            let p = try #require(d.projection)
            let verdict = try #require(p.verdict, "\(run.name): \(p.note ?? "")")
            #expect(p.finalFlops == run.meta.plannedFlops)
            #expect(p.predictedLoss == fit.loss(at: run.meta.plannedFlops!))
            let final = series.loss.last!
            errors.append(abs(p.projectedLoss! / final - 1))
            if verdict == truth(final, p.predictedLoss!) { agree += 1 }
            print("[diagnostics] \(run.name): projected from half-way \(NumberText.fixed(p.projectedLoss!, digits: 3)) ± \(NumberText.fixed(p.projectedHigh! - p.projectedLoss!, digits: 3)), final \(NumberText.fixed(final, digits: 3)), predicted \(NumberText.fixed(p.predictedLoss!, digits: 3)): \(verdict.rawValue) (truth \(truth(final, p.predictedLoss!).rawValue))")
        }
        print("[diagnostics] Li et al. 2025 landing verdicts from half-way: \(agree)/\(sweep.runs.count) agree with the final loss; median projection error \(NumberText.fixed(100 * errors.sorted()[errors.count / 2], digits: 1)) %")
        // Measured 7 of 11 with the envelope fit on the log-spaced frontier (9 of 11 against the
        // fit on raw envelope points): the four misses are runs that ended 1–3 % off the line,
        // inside the projection's own ±2–3 % uncertainty from half-way, where "on" is the
        // honest call.
        #expect(agree >= 7)
        #expect(errors.allSatisfy { $0 < 0.05 })
    }

    @Test func noVerdictWithoutEnoughToGoOn() throws {
        let (sweep, fit) = try li2025()
        let series = CurveSeries(run: sweep.run(named: "50m")!)
        let early = RunDiagnostics.diagnose(series.prefix(10), context: RunDiagnosticsContext(envelopeFit: fit)).projection!
        #expect(early.verdict == nil)
        #expect(early.note?.contains("of the planned compute done") == true)
        #expect(early.predictedLoss != nil)
        let unfitted = RunDiagnostics.diagnose(series.prefix(80)).projection!
        #expect(unfitted.verdict == nil && unfitted.note == "no envelope fit yet.")
        var unplanned = series.prefix(80)
        unplanned.plannedX = nil
        #expect(RunDiagnostics.diagnose(unplanned, context: RunDiagnosticsContext(envelopeFit: fit)).projection == nil)
    }

    @Test func theVerdictDoesNotFlipFlopAsTheRunGrows() throws {
        let (sweep, fit) = try li2025()
        var changes = 0
        for run in sweep.runs {
            let series = CurveSeries(run: run)
            var previous: LandingVerdict?
            for n in 1...series.count {
                let context = RunDiagnosticsContext(envelopeFit: fit, previousVerdict: previous)
                guard let verdict = RunDiagnostics.diagnose(series.prefix(n), context: context).projection?.verdict else { continue }
                if let previous, previous != verdict { changes += 1 }
                previous = verdict
            }
        }
        print("[diagnostics] Li et al. 2025: \(changes) verdict changes over every prefix of 11 runs")
        #expect(changes <= 11)
    }
}
