import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// Two-group simulated sweeps whose recipe is worth a known compute multiplier, written to disk,
/// read as `report` reads them and compared as `report` compares them, over ten seeds each.
@Suite(.tags(.slow)) struct ComputeMultiplierAccuracyTests {
    struct Outcome {
        var seed: UInt64
        var truth: Double
        var reported: Double?
        var band: (Double, Double)?
        var crossing: Double?

        var error: Double? { reported.map { abs($0 / truth - 1) } }
        var inBand: Bool { band.map { $0.0 <= truth && truth <= $0.1 } ?? false }
    }

    static let seeds: [UInt64] = Array(1...10)
    static let target = ProcessInfo.processInfo.environment["MT"].flatMap(Double.init) ?? 1e20

    static func outcomes(_ worth: ComputeMultiplierLaw) throws -> [Outcome] {
        try seeds.map { seed in
            let plan = SweepPlan.comparison(worth: worth, seed: seed, noiseFraction: ProcessInfo.processInfo.environment["MN"].flatMap(Double.init) ?? 0.025)
            let dir = try TemporaryDirectory(prefix: "compute-multiplier")
            _ = try SweepWriter(plan: plan, directory: dir.path, instant: true).write()
            var configuration = SweepReader.Configuration()
            configuration.tailer.oneShot = true
            let reader = SweepReader(roots: [.directory(dir.path)], configuration: configuration)
            reader.poll(now: 0)
            var analyzer = GroupedAnalyzer()
            let grouped = analyzer.analyze(reader.sweep, groups: SweepGroups(reader.sweep), baseline: SweepPlan.baselineGroupName, target: target)
            let comparison = try #require(grouped.comparisons.first)
            let at = comparison.atTarget
            return Outcome(
                seed: seed, truth: worth.value(atCompute: target), reported: at?.multiplier,
                band: at.flatMap { a in a.low.flatMap { l in a.high.map { (l, $0) } } }, crossing: comparison.crossingFlops)
        }
    }

    static func summary(_ name: String, _ outcomes: [Outcome]) -> String {
        let errors = outcomes.compactMap(\.error)
        let covered = outcomes.filter(\.inBand).count
        let worst = errors.max() ?? .nan
        let text = "\(name): truth \(NumberText.short(outcomes[0].truth)) at \(NumberText.short(target)); reported "
            + outcomes.map { $0.reported.map { NumberText.fixed($0, digits: 3) } ?? "nil" }.joined(separator: " ")
            + "; worst error \(NumberText.fixed(100 * worst, digits: 1)) %; band holds truth in \(covered)/\(outcomes.count)"
            + "; crossings " + outcomes.map { $0.crossing.map(NumberText.short) ?? "none" }.joined(separator: " ")
        print(text)
        return text
    }

    @Test(arguments: [2.0, 1.3])
    func constantMultiplierIsRecovered(_ multiplier: Double) throws {
        let outcomes = try Self.outcomes(.constant(multiplier))
        _ = Self.summary("\(multiplier)x", outcomes)
        for outcome in outcomes {
            let error = try #require(outcome.error, "seed \(outcome.seed): no multiplier")
            #expect(error <= 0.05, "seed \(outcome.seed): \(outcome.reported!) against \(outcome.truth)")
        }
        #expect(outcomes.filter(\.inBand).count * 10 >= outcomes.count * 8)
    }

    @Test func crossingRecipeIsFoundWhereItCrosses() throws {
        let worth = ComputeMultiplierLaw.crossing(at: 1e19)
        let outcomes = try Self.outcomes(worth)
        _ = Self.summary("crossing at 1e19", outcomes)
        for outcome in outcomes {
            let crossing = try #require(outcome.crossing, "seed \(outcome.seed): no crossing found")
            #expect(crossing >= 0.5e19 && crossing <= 2e19, "seed \(outcome.seed): crossing at \(crossing)")
            let error = try #require(outcome.error, "seed \(outcome.seed): no multiplier")
            #expect(error <= 0.05, "seed \(outcome.seed): \(outcome.reported!) against \(outcome.truth)")
        }
        #expect(outcomes.filter(\.inBand).count * 10 >= outcomes.count * 8)
    }
}
