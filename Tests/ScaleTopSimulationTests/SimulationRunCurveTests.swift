import Foundation
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

@Suite struct SimulationRunCurveTests {
    /// Chinchilla's law, written out here rather than taken from `ScalingLaw`, so the check is
    /// independent of the code under test.
    func chinchilla(params: Double, tokens: Double) -> Double {
        1.69 + 406.4 / pow(params, 0.34) + 410.7 / pow(tokens, 0.28)
    }

    func points(_ plan: SweepPlan, run index: Int) -> [SimulatedPoint] {
        Array(RunCurve(run: plan.runs[index], plan: plan))
    }

    func progress(_ point: SimulatedPoint, of run: RunPlan) -> Double {
        Double(point.tokens) / Double(run.totalTokens)
    }

    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    @Test func sameSeedGivesTheSamePointsAndAnotherSeedOtherNoise() {
        let first = points(.standard(seed: 5), run: 3)
        let again = points(.standard(seed: 5), run: 3)
        let other = points(.standard(seed: 6), run: 3)
        #expect(first == again)
        #expect(first.map(\.step) == other.map(\.step))
        #expect(first.map(\.loss) != other.map(\.loss))
    }

    /// A plan of one size run under each schedule kind, noiseless.
    func oneSizeUnderEverySchedule(params: Int = 100_000_000) -> SweepPlan {
        let base = SweepPlan.standard(runCount: 1, seed: 1, pointsPerRun: 600)
        var runs: [RunPlan] = []
        for kind in SimulatedSchedule.Kind.allCases {
            var run = base.runs[0]
            run.params = params
            run.totalSteps = 6000
            run.tokensPerStep = 20 * params / 6000
            run.name = kind.rawValue
            run.schedule = SimulatedSchedule(kind: kind, peak: 1e-3)
            runs.append(run)
        }
        return SweepPlan(runs: runs, noiseFraction: 0, pointsPerRun: 600)
    }

    /// The noiseless loss at `progress` of the run of `plan` named `kind`.
    func loss(_ plan: SweepPlan, _ kind: SimulatedSchedule.Kind, at progress: Double) -> Double {
        let run = plan.runs.first { $0.name == kind.rawValue }!
        return RunCurve(run: run, plan: plan).healthyLoss(atTokens: progress * Double(run.totalTokens))
    }

    @Test func withoutNoiseAConstantLearningRateRunEndsExactlyOnTheLaw() {
        var plan = SweepPlan.standard()
        plan.noiseFraction = 0
        var checked = 0
        for (index, run) in plan.runs.enumerated() where run.failure == nil && run.schedule.kind == .constant {
            let last = points(plan, run: index).last!
            #expect(last.step == run.totalSteps)
            let law = chinchilla(params: Double(run.params), tokens: Double(run.totalTokens))
            #expect(abs(last.loss / law - 1) < 1e-4, "\(run.name): \(last.loss) vs \(law)")
            checked += 1
        }
        #expect(checked == 2)
    }

    /// Every decrease of the learning rate lowers the loss: annealed runs end 1–6 % below the
    /// constant-LR run of the same size (published sweeps: a cosine to 10 % several % better),
    /// a WSD cool-down ends at least as low as the cosine, and the constant run stays on the law.
    @Test func annealedRunsEndBelowTheConstantRunOfTheirSize() {
        for params in [10_000_000, 100_000_000, 1_000_000_000] {
            let plan = oneSizeUnderEverySchedule(params: params)
            let constant = loss(plan, .constant, at: 1)
            #expect(abs(constant / chinchilla(params: Double(params), tokens: 20 * Double(params)) - 1) < 1e-3)
            for kind in [SimulatedSchedule.Kind.cosine, .wsd, .twoStage] {
                let drop = 1 - loss(plan, kind, at: 1) / constant
                #expect(drop > 0.01 && drop < 0.06, "\(params) \(kind): \(drop)")
            }
            #expect(loss(plan, .wsd, at: 1) <= loss(plan, .cosine, at: 1))
        }
    }

    /// A WSD run is the constant run until its cool-down (the last 20 %), then falls below it,
    /// faster than the constant run falls; a two-stage run drops right after its switch.
    @Test func coolDownsAndStageSwitchesShowInTheCurve() {
        let plan = oneSizeUnderEverySchedule()
        for p in [0.2, 0.5, 0.79] {
            #expect(abs(loss(plan, .wsd, at: p) / loss(plan, .constant, at: p) - 1) < 1e-9)
        }
        let wsdFall = loss(plan, .wsd, at: 0.8) - loss(plan, .wsd, at: 1)
        let constantFall = loss(plan, .constant, at: 0.8) - loss(plan, .constant, at: 1)
        #expect(wsdFall > 3 * constantFall, "WSD fell \(wsdFall), constant \(constantFall)")
        let beforeSwitch = loss(plan, .twoStage, at: 0.5 - 1e-3)
        let afterSwitch = loss(plan, .twoStage, at: 0.55)
        let constantGain = loss(plan, .constant, at: 0.5 - 1e-3) - loss(plan, .constant, at: 0.55)
        #expect(beforeSwitch - afterSwitch > 3 * constantGain)
        // Mid-way a cosine run sits above where it ends by more than a constant-LR run does.
        #expect(loss(plan, .cosine, at: 0.5) / loss(plan, .cosine, at: 1) > loss(plan, .constant, at: 0.5) / loss(plan, .constant, at: 1))
    }

    @Test func noisyHealthyRunsEndWithinNoiseOfTheirNoiselessEnd() {
        var ratios: [Double] = []
        for seed: UInt64 in 1...5 {
            let plan = SweepPlan.standard(seed: seed)
            for (index, run) in plan.runs.enumerated() where run.failure == nil {
                let finalLosses = points(plan, run: index).suffix(5).map(\.loss)
                let curve = RunCurve(run: run, plan: plan)
                let ratio = mean(finalLosses) / curve.expectedLoss(atTokens: Double(run.totalTokens))
                // 2.5 % noise over 5 points: a standard error of 1.1 %; 5 % is beyond 4 of them.
                #expect(abs(ratio - 1) < 0.05, "\(run.name) seed \(seed): ratio \(ratio)")
                ratios.append(ratio)
            }
        }
        // 30 runs: the average sits on the noiseless end to within its 0.2 % standard error (plus
        // < 0.5 % for the last few points still annealing).
        #expect(abs(mean(ratios) - 1) < 0.01)
    }

    @Test func pointSpreadMatchesTheNoiseLevel() {
        var plan = SweepPlan.standard()
        plan.pointsPerRun = 2000
        let run = plan.runs[7]
        let curve = RunCurve(run: run, plan: plan)
        let logResiduals = curve.map { log($0.loss / curve.expectedLoss(atTokens: Double($0.tokens))) }
        let spread = (logResiduals.map { $0 * $0 }.reduce(0, +) / Double(logResiduals.count)).squareRoot()
        #expect(abs(spread - plan.noiseFraction) < 0.003)
    }

    @Test func runsStartNearTheLossOfAFreshModelAndFallFast() {
        for seed: UInt64 in 1...3 {
            let plan = SweepPlan.standard(seed: seed)
            for index in plan.runs.indices {
                let curve = points(plan, run: index)
                #expect(curve[0].step == 1)
                #expect(abs(curve[0].loss / log(50257) - 1) < 0.12)
                // By a tenth of the run the loss has fallen by more than a quarter (the smallest
                // models fall slowest, as the law's token term says).
                let tenth = curve.first { progress($0, of: plan.runs[index]) >= 0.1 }!
                #expect(tenth.loss < 0.75 * curve[0].loss)
            }
        }
    }

    @Test func theWarmUpBumpBrieflyTurnsTheFallIntoARise() {
        let plan = SweepPlan.standard()
        for run in plan.runs {
            let curve = RunCurve(run: run, plan: plan)
            let tokens = Double(run.totalTokens)
            func excess(_ progress: Double) -> Double {
                curve.healthyLoss(atTokens: progress * tokens)
                    / chinchilla(params: Double(run.params), tokens: progress * tokens)
            }
            // 10 % above the law at the centre, nothing left of it at 10 % of the run.
            #expect(excess(RunCurve.bumpCentre) - excess(0.1) > 0.09)
            let window = stride(from: 0.02, through: 0.04, by: 0.0005).map {
                curve.healthyLoss(atTokens: $0 * tokens)
            }
            #expect(zip(window, window.dropFirst()).contains { $1 > $0 }, "\(run.name) never rises")
        }
    }

    @Test func theLearningRateWarmsUpThenFollowsTheCosineToItsFloor() {
        let plan = SweepPlan.standard()
        let index = plan.runs.firstIndex { $0.schedule.kind == .cosine }!
        let run = plan.runs[index]
        let curve = points(plan, run: index)
        let peak = run.schedule.peak
        let warmup = run.schedule.warmupFraction
        #expect(abs(warmup - 0.02) < 0.001)
        #expect(curve[0].learningRate > 0 && curve[0].learningRate < 0.01 * peak)
        #expect(abs(curve.last!.learningRate - 0.1 * peak) < 1e-12)
        for point in curve where progress(point, of: run) > warmup {
            let decay = (progress(point, of: run) - warmup) / (1 - warmup)
            let expected = peak * (0.1 + 0.9 * 0.5 * (1 + cos(Double.pi * decay)))
            #expect(abs(point.learningRate - expected) < 1e-12)
        }
    }

    /// Each run's logged `lr` is what its header declares: the declaration read by the same parser
    /// as any log's gives every point's rate (to the 64-piece cosine's 0.1 %).
    @Test func theDeclaredScheduleGivesTheLoggedLearningRates() throws {
        let plan = SweepPlan.standard()
        #expect(Set(plan.runs.map(\.schedule.kind)) == Set(SimulatedSchedule.Kind.allCases))
        for run in plan.runs {
            let header = try #require(try JSONSerialization.jsonObject(with: Data(SimulationLogFormat.headerLine(for: run).utf8)) as? [String: Any])
            guard case let .success(declared)? = ScheduleDeclaration.parse(header) else {
                Issue.record("\(run.name): no schedule declared")
                continue
            }
            for point in RunCurve(run: run, plan: plan) {
                let error = abs(declared.lr(atStep: Double(point.step)) - point.learningRate) / run.schedule.peak
                #expect(error < 1e-3, "\(run.name) step \(point.step): \(declared.lr(atStep: Double(point.step))) vs \(point.learningRate)")
            }
        }
    }

    @Test func stepsTokensAndTimesIncreaseToThePlannedEnd() {
        let plan = SweepPlan.standard()
        for (index, run) in plan.runs.enumerated() {
            let curve = points(plan, run: index)
            #expect(zip(curve, curve.dropFirst()).allSatisfy {
                $0.step < $1.step && $0.elapsedSeconds < $1.elapsedSeconds
            })
            #expect(curve.allSatisfy { $0.tokens == $0.step * run.tokensPerStep })
            if run.failure?.nanOnset == nil {
                #expect(curve.count == 300)
                #expect(abs(curve.last!.elapsedSeconds - run.durationSeconds) < 1e-9)
            }
        }
    }

    @Test func thePlateauRunStopsImprovingAtFortyPercent() {
        let plan = SweepPlan.standard(pointsPerRun: 1000)
        let run = plan.runs[1]
        let curve = RunCurve(run: run, plan: plan)
        let all = Array(curve)
        let onsetLoss = curve.healthyLoss(atTokens: 0.4 * Double(run.totalTokens))
        let before = all.filter { (0.3..<0.38).contains(progress($0, of: run)) }
        let early = all.filter { (0.42..<0.7).contains(progress($0, of: run)) }
        let late = all.filter { progress($0, of: run) >= 0.7 }
        // Before the onset the loss still falls; after it, both halves sit on the onset level
        // (standard errors ~0.2 %), while a healthy run would have gained > 5 % by the end.
        #expect(mean(before.map(\.loss)) > onsetLoss * 1.01)
        #expect(abs(mean(early.map(\.loss)) / onsetLoss - 1) < 0.01)
        #expect(abs(mean(late.map(\.loss)) / onsetLoss - 1) < 0.01)
        #expect(curve.healthyLoss(atTokens: Double(run.totalTokens)) < onsetLoss * 0.95)
        #expect(all.count == 1000 && all.allSatisfy { $0.loss.isFinite })
    }

    @Test func theDivergingRunRisesFromHalfwayAndEndsInNaN() {
        let plan = SweepPlan.standard(pointsPerRun: 1000)
        let run = plan.runs[6]
        let curve = RunCurve(run: run, plan: plan)
        let all = Array(curve)
        let healthy = all.filter { progress($0, of: run) < 0.5 }
        let ratios = healthy.suffix(200).map { $0.loss / curve.healthyLoss(atTokens: Double($0.tokens)) }
        #expect(abs(mean(ratios) - 1) < 0.01)

        let onsetLoss = curve.healthyLoss(atTokens: 0.5 * Double(run.totalTokens))
        // Within 10 % of the run past the onset, the loss is clearly (> 5 %) above its onset level.
        let soon = all.filter { (0.58..<0.62).contains(progress($0, of: run)) }
        #expect(mean(soon.map(\.loss)) > onsetLoss * 1.05)
        let nearNaN = all.filter { (0.75..<0.8).contains(progress($0, of: run)) }
        #expect(nearNaN.allSatisfy { $0.loss > 2 * onsetLoss })

        let firstNaN = all.firstIndex { $0.loss.isNaN }!
        #expect(progress(all[firstNaN], of: run) >= 0.8)
        #expect(progress(all[firstNaN - 1], of: run) < 0.8)
        #expect(all.count == firstNaN + FailureShape.nanPointsBeforeCrash)
        #expect(all[firstNaN...].allSatisfy { $0.loss.isNaN })
        #expect(all.last!.step < run.totalSteps)
    }
}
