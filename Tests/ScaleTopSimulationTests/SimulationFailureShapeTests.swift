import Foundation
import ScaleTopCore
import ScaleTopSimulation
import Testing

/// The failure shapes seen in practice, each starting exactly at its onset.
@Suite struct SimulationFailureShapeTests {
    func run(_ shape: FailureShape, points: Int = 1000) -> (RunPlan, RunCurve, [SimulatedPoint]) {
        var plan = SweepPlan.standard(seed: 2, pointsPerRun: points)
        plan.runs[3].failure = shape
        let curve = RunCurve(run: plan.runs[3], plan: plan)
        return (plan.runs[3], curve, Array(curve))
    }

    func progress(_ p: SimulatedPoint, _ run: RunPlan) -> Double { Double(p.tokens) / Double(run.totalTokens) }

    @Test func everyShapeIsTheHealthyCurveUpToItsOnset() {
        let shapes: [FailureShape] = [.blowUp(onset: 0.3), .slowRise(onset: 0.4), .nan(onset: 0.5), .stuck(onset: 0.35)]
        for shape in shapes {
            let (run, curve, _) = run(shape)
            for p in stride(from: 0.05, through: shape.onset, by: 0.05) {
                let tokens = p * Double(run.totalTokens)
                #expect(curve.expectedLoss(atTokens: tokens) == curve.healthyLoss(atTokens: tokens))
            }
            #expect(shape.rises)
        }
        #expect(!FailureShape.plateau(onset: 0.4).rises)
    }

    @Test func aBlowUpReachesOrdersOfMagnitudeThenPartlyRecovers() {
        let (run, curve, points) = run(.blowUp(onset: 0.3, peakFactor: 100, residualExcess: 0.15))
        let tokens = Double(run.totalTokens)
        let peak = curve.expectedLoss(atTokens: (0.3 + FailureShape.blowUpRamp) * tokens)
        #expect(peak / curve.healthyLoss(atTokens: 0.305 * tokens) > 99)
        #expect(curve.expectedLoss(atTokens: 0.5 * tokens) < peak / 10)
        let end = curve.expectedLoss(atTokens: tokens) / curve.healthyLoss(atTokens: tokens)
        #expect(abs(end - 1.15) < 0.01)
        #expect(points.count == 1000 && points.allSatisfy { $0.loss.isFinite })
        #expect(points.last!.step == run.totalSteps)
        #expect(FailureShape.blowUp(onset: 0.3).nanOnset == nil)
        _ = progress(points[0], run)
    }

    @Test func aSlowRiseClimbsLinearlyToItsFinalRise() {
        let (run, curve, _) = run(.slowRise(onset: 0.4, finalRise: 0.5))
        let tokens = Double(run.totalTokens)
        let onset = curve.healthyLoss(atTokens: 0.4 * tokens)
        #expect(abs(curve.expectedLoss(atTokens: 0.7 * tokens) / onset - 1.25) < 1e-9)
        #expect(abs(curve.expectedLoss(atTokens: tokens) / onset - 1.5) < 1e-9)
    }

    @Test func aNaNComesWithoutWarningAndTheRunStops() {
        let (run, _, points) = run(.nan(onset: 0.5))
        let first = points.firstIndex { $0.loss.isNaN }!
        #expect(progress(points[first], run) > 0.5 && progress(points[first - 1], run) <= 0.5)
        #expect(points.count == first + FailureShape.nanPointsBeforeCrash)
        #expect(FailureShape.nan(onset: 0.5).nanOnset == 0.5)
    }

    @Test func aStuckRunJumpsToAnElevatedLossAndStaysFlat() {
        let (run, curve, _) = run(.stuck(onset: 0.35, excess: 0.2))
        let tokens = Double(run.totalTokens)
        let onset = curve.healthyLoss(atTokens: 0.35 * tokens)
        for p in [0.36, 0.5, 0.8, 1.0] {
            #expect(abs(curve.expectedLoss(atTokens: p * tokens) / onset - 1.2) < 1e-9)
        }
        #expect(curve.expectedLoss(atTokens: 0.355 * tokens) / onset < 1.2)
    }
}
