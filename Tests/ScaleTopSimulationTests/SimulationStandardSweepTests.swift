import Foundation
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

@Suite struct SimulationStandardSweepTests {
    let plan = SweepPlan.standard()

    @Test func hasEightRunsLogSpacedFromTenMillionToOneBillion() {
        #expect(plan.runs.count == 8)
        #expect(plan.runs.first?.params == 10_000_000)
        #expect(plan.runs.last?.params == 1_000_000_000)
        let ratios = zip(plan.runs, plan.runs.dropFirst()).map { Double($1.params) / Double($0.params) }
        for ratio in ratios { #expect(abs(ratio - pow(100, 1.0 / 7)) < 1e-6) }
    }

    @Test func mostRunsTrainOnAboutTwentyTokensPerParameter() {
        let optimal = plan.runs.filter { abs($0.tokensPerParam - 20) < 0.5 }
        #expect(optimal.count == 6)
    }

    @Test func anIsoFlopGroupSharesOneComputeBudgetAcrossThreeSizes() {
        let middle = plan.runs[4]
        let group = plan.runs.filter { abs($0.compute / middle.compute - 1) < 0.01 }
        #expect(group.count == 3)
        #expect(Set(group.map(\.params)).count == 3)
        #expect(group.contains { $0.tokensPerParam > 40 })
        #expect(group.contains { $0.tokensPerParam < 10 })
    }

    @Test func oneRunPlateausAndOneDivergesOutsideTheIsoFlopGroup() {
        #expect(plan.runs[1].failure == .plateau(onset: 0.4))
        #expect(plan.runs[6].failure == .divergence(onset: 0.5, nanOnset: 0.8))
        #expect(plan.runs.filter { $0.failure == nil }.count == 6)
        for index in 3...5 { #expect(plan.runs[index].failure == nil) }
    }

    @Test func smallSweepsDropTheFeaturesTheyHaveNoRoomFor() {
        #expect(SweepPlan.standard(runCount: 3).runs.allSatisfy { $0.failure == nil })
        let six = SweepPlan.standard(runCount: 6)
        #expect(six.runs.filter { $0.failure != nil }.count == 2)
        #expect(six.runs.allSatisfy { abs($0.tokensPerParam - 20) < 0.5 })
        let single = SweepPlan.standard(runCount: 1)
        #expect(single.runs.count == 1 && single.runs[0].totalSteps >= 300)
    }

    @Test func durationsGrowAsTheSquareRootOfComputeUpToSixtySeconds() {
        #expect(abs(plan.durationSeconds - 60) < 1e-9)
        let largest = plan.runs.map(\.compute).max()!
        for run in plan.runs {
            #expect(abs(run.durationSeconds - 60 * (run.compute / largest).squareRoot()) < 1e-9)
        }
        #expect(plan.runs[0].durationSeconds < plan.runs[7].durationSeconds / 10)
    }

    @Test func runsHaveUniqueNamesAndEnoughStepsForEveryPoint() {
        #expect(Set(plan.runs.map(\.name)).count == plan.runs.count)
        #expect(plan.runs[0].name == "sim01-N10.0M-D200M")
        #expect(plan.runs[7].name == "sim08-N1.00B-D20.0B")
        let dense = SweepPlan.standard(runCount: 2, pointsPerRun: 50_000)
        for run in dense.runs { #expect(run.totalSteps >= 50_000) }
    }

    @Test func noiseSeedsDependOnTheSweepSeed() {
        let same = SweepPlan.standard(seed: 1)
        let other = SweepPlan.standard(seed: 2)
        #expect(same == plan)
        #expect(other.runs.map(\.noiseSeed) != plan.runs.map(\.noiseSeed))
        #expect(Set(plan.runs.map(\.noiseSeed)).count == plan.runs.count)
    }

    @Test func siLabelsUseThreeSignificantDigits() {
        #expect(SweepPlan.siLabel(1e7) == "10.0M")
        #expect(SweepPlan.siLabel(3.73e8) == "373M")
        #expect(SweepPlan.siLabel(999.7e6) == "1.00B")
        #expect(SweepPlan.siLabel(512) == "512")
    }
}
