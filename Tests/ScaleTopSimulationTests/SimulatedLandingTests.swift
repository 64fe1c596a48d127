import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// The sweep `scaletop simulate` and the demo write (schedules declared, losses from a
/// schedule-aware law): each healthy run from the third size up is cut part-way with every smaller
/// run complete, read as `report` reads it, and its projection is set against the loss it really
/// ends at (its noiseless final loss, which the projection estimates).
@Suite struct SimulatedLandingTests {
    struct Outcome {
        var run: String
        var schedule: SimulatedSchedule.Kind
        var projected: Double?
        var band: (Double, Double)?
        var truth: Double
        var pathEnds: (first: LandingPathPoint, last: LandingPathPoint)?
        /// The schedule the projection used (nil: projected without one).
        var scheduleUsed: String?
        /// How many complete runs were smaller than it.
        var completeBefore: Int

        var error: Double? { projected.map { abs($0 / truth - 1) } }
        var inBand: Bool { band.map { $0.0 <= truth && truth <= $0.1 } ?? false }
    }

    /// Projections of the healthy runs of the standard sweeps of `seeds`, each cut at `fraction`.
    static func outcomes(fraction: Double, seeds: [UInt64]) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for seed in seeds {
            let plan = SweepPlan.standard(seed: seed)
            let source = try TemporaryDirectory(prefix: "simulated-landing")
            _ = try SweepWriter(plan: plan, directory: source.path, instant: true).write()
            for (index, run) in plan.runs.enumerated() where index >= 2 && run.failure == nil {
                let dir = try TemporaryDirectory(prefix: "simulated-landing-cut")
                for smaller in plan.runs[...index] {
                    let text = try String(contentsOfFile: source.path + "/\(smaller.name).jsonl", encoding: .utf8)
                    var lines = text.split(separator: "\n").map(String.init)
                    if smaller.name == run.name {
                        // The header, then the points up to `fraction` of the planned steps.
                        lines = [lines[0]] + lines.dropFirst().filter { line in
                            let step = (try? JSONLines.parse(line)).flatMap { JSONLines.double($0["step"]) } ?? .infinity
                            return step <= fraction * Double(run.totalSteps)
                        }
                    }
                    _ = try dir.write("\(smaller.name).jsonl", lines.joined(separator: "\n") + "\n")
                }
                var configuration = SweepReader.Configuration()
                configuration.tailer.oneShot = true
                let reader = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
                reader.poll(now: 0)
                var analyzer = SweepAnalyzer(options: SweepAnalysisOptions())
                analyzer.options.bandResamples = 0
                var diagnostics = SweepDiagnostics()
                let diagnoses = diagnostics.diagnose(reader.sweep, analysis: analyzer.analyze(reader.sweep), now: nil)
                let projection = diagnoses[run.name]?.projection
                let truth = RunCurve(run: run, plan: plan).expectedLoss(atTokens: Double(run.totalTokens))
                let path = projection?.path ?? []
                outcomes.append(Outcome(
                    run: "\(run.name) seed \(seed)", schedule: run.schedule.kind, projected: projection?.projectedLoss,
                    band: projection?.projectedBand, truth: truth,
                    pathEnds: path.isEmpty ? nil : (path.first!, path.last!), scheduleUsed: projection?.schedule,
                    completeBefore: index))
            }
        }
        return outcomes
    }

    static func summary(_ outcomes: [Outcome], _ label: String) -> String {
        let errors = outcomes.compactMap(\.error).sorted()
        let inBand = outcomes.filter(\.inBand).count
        let median = errors.isEmpty ? Double.nan : errors[errors.count / 2]
        return "[landing] simulated standard sweeps at \(label): \(inBand)/\(outcomes.count) in projected_band, median error "
            + "\(NumberText.fixed(100 * median, digits: 2)) %, worst \(NumberText.fixed(100 * (errors.last ?? .nan), digits: 2)) %"
    }

    @Test(arguments: [0.3, 0.5])
    func simulatedRunsLandWithinTheirProjectedBand(fraction: Double) throws {
        let outcomes = try Self.outcomes(fraction: fraction, seeds: [1, 2, 3])
        print(Self.summary(outcomes, "\(Int(fraction * 100)) %"))
        for o in outcomes {
            print("[landing]   \(o.run) (\(o.schedule.rawValue)): projected \(o.projected.map { NumberText.fixed($0, digits: 3) } ?? "-") band \(o.band.map { "\(NumberText.fixed($0.0, digits: 3))–\(NumberText.fixed($0.1, digits: 3))" } ?? "-"), ends at \(NumberText.fixed(o.truth, digits: 3))")
        }
        // Every healthy run from the third size up is projected, every schedule kind among them.
        #expect(outcomes.count == 15)
        #expect(outcomes.allSatisfy { $0.projected != nil })
        #expect(Set(outcomes.map(\.schedule)) == Set(SimulatedSchedule.Kind.allCases))
        // With three complete runs or more before it, every run is projected under its schedule
        // (with fewer than six, too few for L(N, D), its level read off a line in ln N through
        // theirs); the 37M two-stage run, with two before it (one of them the plateau), is not.
        for o in outcomes where o.completeBefore >= 3 { #expect(o.scheduleUsed != nil, "\(o.run) projected without its schedule") }
        // Measured: 14/15 at 30 %, 13/15 at 50 % (10/15 before the annealing law took the LR
        // relative to each run's peak: the 1B WSD runs were projected 1–3 % high); median error
        // 1.9 % / 1.3 % (2.7 % / 1.7 % when only the 1B runs were projected under their schedule).
        // The 37M two-stage run, projected without its schedule, is the worst (9–12 % high).
        let inBand = Double(outcomes.filter(\.inBand).count) / Double(outcomes.count)
        #expect(inBand >= (fraction < 0.4 ? 0.8 : 0.6), "\(Self.summary(outcomes, "\(fraction)"))")
        let errors = outcomes.compactMap(\.error).sorted()
        #expect(errors[errors.count / 2] <= (fraction < 0.4 ? 0.025 : 0.015), "\(Self.summary(outcomes, "\(fraction)"))")
    }

    /// The drawn remainder runs from the run's latest point to the ◇: it ends at the projected loss
    /// at the planned compute.
    @Test func theProjectedPathEndsAtTheProjection() throws {
        let outcomes = try Self.outcomes(fraction: 0.4, seeds: [1])
        #expect(!outcomes.isEmpty)
        for o in outcomes {
            let ends = try #require(o.pathEnds, "\(o.run) has no path")
            #expect(abs(ends.last.loss / o.projected! - 1) < 1e-9)
            #expect(ends.first.x < ends.last.x)
        }
    }
}
