import Foundation
import ScaleTopCore
import ScaleTopSimulation
import Testing
import ScaleTopTestSupport

/// The status rules on small hand-made curves.
@Suite struct RunDiagnosticsRulesTests {
    /// L(c) = 2 + 3·(c/1e15)^-0.3 with deterministic ±`noise` wobble, at `count` points up to `end`.
    func curve(count: Int = 400, end: Double = 1e18, noise: Double = 0.02, planned: Double? = 1e18,
               bend: (Double, Double) -> Double = { _, l in l }) -> CurveSeries {
        var generator = TestRandom(seed: 7)
        var x: [Double] = [], loss: [Double] = [], step: [Double] = []
        for i in 1...count {
            let c = end * Double(i) / Double(count)
            let clean = 2 + 3 * pow(c / 1e15, -0.3)
            x.append(c)
            loss.append(bend(c / end, clean) * exp(noise * generator.nextGaussian()))
            step.append(Double(i * 10))
        }
        return CurveSeries(axis: .flops, x: x, loss: loss, step: step, plannedX: planned, plannedSteps: planned == nil ? nil : Double(count * 10))
    }

    @Test func aHealthyRunInProgressIsRunningWithoutReason() {
        let d = RunDiagnostics.diagnose(curve().prefix(300))
        #expect(d.verdict == RunStatusVerdict(status: .running, reason: nil))
        #expect(d.onset == nil)
    }

    @Test func aRunThatReachedItsPlanIsFinished() {
        let d = RunDiagnostics.diagnose(curve())
        #expect(d.verdict.status == .finished)
        #expect(d.verdict.reason == "reached its planned end at step 4000.")
        var marked = RunDiagnosticsContext()
        marked.finishedByLog = true
        #expect(RunDiagnostics.diagnose(curve().prefix(100), context: marked).verdict.status == .finished)
    }

    @Test func aNaNLossIsDivergedAndSaysSinceWhen() {
        var s = curve().prefix(200)
        s.x += [s.x.last! * 1.01, s.x.last! * 1.02]
        s.loss += [.nan, .nan]
        s.step += [2010, 2020]
        let d = RunDiagnostics.diagnose(s)
        #expect(d.verdict == RunStatusVerdict(status: .diverged, reason: "loss is NaN since step 2010."))
        s.loss[s.count - 1] = .infinity
        #expect(RunDiagnostics.diagnose(s).verdict.reason == "loss is infinite since step 2010.")
    }

    @Test func aRunThatStoppedGrowingIsStaleUnlessFinished() {
        let s = curve().prefix(200)
        let context = RunDiagnosticsContext(now: 10_000, lastGrowth: 10_000 - 900)
        let d = RunDiagnostics.diagnose(s, context: context)
        #expect(d.verdict == RunStatusVerdict(
            status: .stale, reason: "no new line for 15 min (stale after 10 min) and the run is not finished."))
        #expect(RunDiagnostics.diagnose(s, context: RunDiagnosticsContext(now: 10_000, lastGrowth: 9_500)).verdict.status == .running)
        #expect(RunDiagnostics.diagnose(curve(), context: context).verdict.status == .finished)
        var options = DiagnosticsOptions()
        options.staleAfterSeconds = 1200
        #expect(RunDiagnostics.diagnose(s, context: context, options: options).verdict.status == .running)
    }

    @Test func aSustainedRiseIsDivergedWithItsOnsetMarked() {
        let s = curve { p, l in p > 0.4 ? l * (1 + 0.5 * (p - 0.4)) * (p > 0.5 ? 1.3 : 1) : l }.prefix(260)
        let d = RunDiagnostics.diagnose(s)
        #expect(d.verdict.status == .diverged)
        #expect(d.verdict.reason?.contains("above its best") == true || d.verdict.reason?.contains("rose") == true)
        let onset = try! #require(d.onset)
        #expect(onset.step > 1600 && onset.step <= 2600)
    }

    @Test func aSpikeThatRecoversIsAnEventNotAStatus() {
        // 3 % of the steps so far at 10x the loss, then back to normal.
        let s = curve { p, l in (0.5...0.515).contains(p) ? l * 10 : l }.prefix(320)
        let d = RunDiagnostics.diagnose(s)
        #expect(d.verdict.status == .running)
        #expect(d.spikes.count == 1)
        let spike = try! #require(d.spikes.first)
        #expect(spike.recovered)
        #expect(spike.peakRatio > 5)
        #expect(abs(Double(spike.firstIndex) - 200) <= 2)
    }

    @Test func aFlatCurveWhereTheTrendPromisedMoreIsAPlateau() {
        let s = curve(noise: 0.005) { p, l in p > 0.3 ? 2 + 3 * pow(0.3e3, -0.3) : l }.prefix(240)
        let d = RunDiagnostics.diagnose(s)
        #expect(d.verdict.status == .plateau)
        #expect(d.verdict.reason?.hasPrefix("loss improved") == true)
        #expect(d.verdict.reason?.contains("its own earlier trend expects") == true)
    }

    @Test func theSmootherIsRobustToOutliersAndTracksTheCurve() {
        var s = curve(noise: 0.02)
        for i in stride(from: 5, to: s.count, by: 20) { s.loss[i] *= 20 }   // 5 % wild points
        let smoothed = RobustSmoother().smooth(s)
        #expect(smoothed.logX.last == log(s.x.last!))
        #expect(abs(smoothed.noise - 0.02) < 0.005)
        // Past the first tenth, each smoothed value lies within 3 % of the clean curve half a window back.
        for i in smoothed.logX.indices where smoothed.logX[i] > log(1e17) {
            let c = exp(smoothed.logX[i] - 0.05)
            let clean = 2 + 3 * pow(c / 1e15, -0.3)
            #expect(abs(smoothed.loss(i) / clean - 1) < 0.03)
        }
    }
}
