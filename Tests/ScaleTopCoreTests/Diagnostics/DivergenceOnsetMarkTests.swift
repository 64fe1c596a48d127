import Foundation
import ScaleTopCore
import Testing

/// Where the marker of a diverged run goes: the start of the rise when the run rose before its
/// loss broke into NaN, else the last finite loss before the NaN — always a drawable point.
@Suite struct DivergenceOnsetMarkTests {
    @Test func aRunThatRoseThenBrokeIsMarkedWhereTheRiseBegan() throws {
        let (run, plan) = DiagnosticsBench.plan(seed: 3, points: 300, index: 6, failure: .divergence(onset: 0.5, nanOnset: 0.8))
        let series = DiagnosticsBench.series(run, plan)
        let nanStep = try #require(series.step.indices.first { !series.loss[$0].isFinite }.map { series.step[$0] })
        let diagnosis = RunDiagnostics.diagnose(series, options: DiagnosticsOptions())
        #expect(diagnosis.verdict.status == .diverged)
        let onset = try #require(diagnosis.onset)
        #expect(onset.loss.isFinite && onset.loss > 0)
        // Between the failure's start (50 % of the steps) and the NaN (80 %).
        #expect(onset.step >= 0.45 * Double(run.totalSteps))
        #expect(onset.step < nanStep)
    }

    @Test func aSuddenNaNIsMarkedAtTheLastFiniteLoss() throws {
        let (run, plan) = DiagnosticsBench.plan(seed: 3, points: 300, index: 6, failure: .nan(onset: 0.5))
        let series = DiagnosticsBench.series(run, plan)
        let first = try #require(series.loss.indices.first { !series.loss[$0].isFinite })
        let diagnosis = RunDiagnostics.diagnose(series, options: DiagnosticsOptions())
        let onset = try #require(diagnosis.onset)
        #expect(onset.step == series.step[first])
        #expect(onset.loss == series.loss[first - 1])
    }
}
