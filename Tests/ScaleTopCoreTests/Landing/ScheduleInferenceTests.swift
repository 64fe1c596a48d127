import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// The rest of a schedule read from the logged LR alone: on the nine real 25M schedules cut at
/// every tenth of their plan (declarations taken out), and on decays of every shape written at
/// several lengths; with a declaration, the logged LR is the history and a departure is a note.
@Suite struct ScheduleInferenceTests {
    /// The 25M run's logged `(step, lr)` and its planned steps and declaration.
    static func real(_ name: String) throws -> (knots: [(step: Double, lr: Double)], total: Double, declared: LearningRateSchedule) {
        let url = SharedData.data("schedules-mpl25m").appendingPathComponent(name + ".jsonl")
        let header = try JSONLines.parse(String(try String(contentsOf: url, encoding: .utf8).prefix { $0 != "\n" }))
        guard case let .success(declared)? = ScheduleDeclaration.parse(header) else { throw CocoaError(.fileReadCorruptFile) }
        return (try LoggedLearningRateTests.loggedRates(url), JSONLines.double(header["total_steps"])!, declared)
    }

    /// What a cut at `fraction` may be called: the schedule's shape once it shows, before that
    /// what the log so far is.
    static func expectedNames(_ name: String, fraction: Double) -> Set<String> {
        switch name {
        case let n where n.hasPrefix("25M-constant"): ["inferred constant"]
        case let n where n.hasPrefix("25M-cosine"): fraction < 0.2 ? ["inferred constant", "assumed constant", "inferred cosine"] : ["inferred cosine"]
        case let n where n.hasPrefix("25M-wsdcon"): fraction < 0.5 ? ["inferred constant"] : ["assumed constant"]
        case "25M-wsdld_20000_24000": fraction < 0.84 ? ["inferred constant"] : ["inferred WSD (linear cool-down)", "assumed constant"]
        default: fraction < 0.84 ? ["inferred constant"] : ["inferred WSD (geometric cool-down)", "assumed constant"]
        }
    }

    @Test func theNineRealSchedulesAtEveryTenth() throws {
        let names = try LoggedLearningRateTests.scheduleFiles().map { $0.deletingPathExtension().lastPathComponent }
        for name in names {
            let run = try Self.real(name)
            for tenth in 1...9 {
                let fraction = Double(tenth) / 10
                var log = LearningRateLog()
                for k in run.knots where k.step <= fraction * run.total { log.append(step: k.step, lr: k.lr) }
                // Nothing logged yet (the two-stage runs log from step 2176 of 16000): nothing inferred.
                guard log.logged > 0 else {
                    #expect(ScheduleInference.infer(log.knots, total: run.total) == nil)
                    continue
                }
                let schedule = try #require(ScheduleInference.infer(log.knots, total: run.total), "\(name) at \(tenth)0 %")
                #expect(Self.expectedNames(name, fraction: fraction).contains(schedule.name), "\(name) at \(tenth)0 %: \(schedule.name)")
                // Where the shape is known, the rest of the schedule is the declared one.
                if schedule.name.hasPrefix("inferred cosine") || schedule.name.hasPrefix("inferred WSD") || schedule.name == "inferred constant" && name.contains("constant") {
                    for s in stride(from: fraction * run.total, through: run.total, by: run.total / 50) {
                        #expect(abs(schedule.lr(atStep: s) - run.declared.lr(atStep: s)) <= 0.03 * 3e-4, "\(name) at \(tenth)0 %, step \(s)")
                    }
                }
                // Two-stage after its step down: the LR held at its low stage.
                if schedule.name == "assumed constant" && name.contains("wsdcon") {
                    #expect(abs(schedule.lr(atStep: run.total) - run.knots.last!.lr) < 1e-9)
                }
            }
        }
    }

    @Test(arguments: [2_000.0, 30_000.0, 500_000.0]) func decaysOfEveryShapeAtSeveralLengths(total: Double) throws {
        let peak = 6e-4, warmup = 0.05 * total
        let shapes: [(String, (Double) -> Double)] = [
            ("inferred cosine", { s in 6e-5 + (peak - 6e-5) * 0.5 * (1 + cos(Double.pi * (s - warmup) / (total - warmup))) }),
            ("inferred linear", { s in peak * (1 - (s - warmup) / (total - warmup)) }),
            ("inferred WSD (1-sqrt cool-down)", { s in s < 0.7 * total ? peak : peak * (1 - ((s - 0.7 * total) / (0.3 * total)).squareRoot()) }),
            ("inferred WSD (linear cool-down)", { s in s < 0.8 * total ? peak : peak * (1 - 0.9 * (s - 0.8 * total) / (0.2 * total)) }),
        ]
        for (name, lr) in shapes {
            var log = LearningRateLog()
            var s = 0.0
            while s <= 0.9 * total {
                log.append(step: s, lr: s < warmup ? peak * s / warmup : lr(s))
                s += total / 400
            }
            let schedule = try #require(ScheduleInference.infer(log.knots, total: total))
            #expect(schedule.name == name)
            for q in stride(from: 0.9 * total, through: total, by: total / 40) {
                #expect(abs(schedule.lr(atStep: q) - lr(q)) <= 0.02 * peak, "\(name) at step \(q): \(schedule.lr(atStep: q)) for \(lr(q))")
            }
        }
    }

    @Test func aStepDecayHoldsTheLatestRate() throws {
        // Divided by 10 at a third and at two thirds of the plan (no shape follows it).
        var log = LearningRateLog()
        for s in stride(from: 0.0, through: 8_000, by: 100) { log.append(step: s, lr: s < 3_333 ? 1e-3 : s < 6_667 ? 1e-4 : 1e-5) }
        let schedule = try #require(ScheduleInference.infer(log.knots, total: 10_000))
        #expect(schedule.name == "assumed constant")
        #expect(abs(schedule.lr(atStep: 9_500) - 1e-5) < 1e-12)
    }

    @Test func aDeclaredScheduleTakesTheLoggedHistoryAndNotesADeparture() throws {
        let run = try Self.real("25M-cosine_24000")
        var log = LearningRateLog()
        for k in run.knots where k.step <= 12_000 { log.append(step: k.step, lr: k.lr) }
        guard case let .success(agreeing)? = ScheduleResolver.resolve(declared: .success(run.declared), logged: log, plannedSteps: run.total) else {
            Issue.record("no schedule"); return
        }
        #expect(agreeing.name == run.declared.name && agreeing.note == nil)
        // A constant LR logged under the cosine declaration: it departs from step to step (the
        // same peak, so nothing is scaled); the log is the history, the declaration the rest.
        let constant = try Self.real("25M-constant_24000")
        var flat = LearningRateLog()
        for k in constant.knots where k.step <= 12_000 { flat.append(step: k.step, lr: k.lr) }
        guard case let .success(departing)? = ScheduleResolver.resolve(declared: .success(run.declared), logged: flat, plannedSteps: run.total) else {
            Issue.record("no schedule"); return
        }
        #expect(departing.note?.contains("departs from the declared cosine_with_min_lr schedule") == true)
        #expect(departing.note?.contains("scaled") == false)
        #expect(abs(departing.lr(atStep: 8_000) - 3e-4) < 0.01 * 3e-4)
        #expect(departing.lr(atStep: 20_000) == run.declared.lr(atStep: 20_000))
        // A malformed declaration with a logged LR: inferred, and the note says both.
        let failure = ScheduleDeclaration.Failure(message: "unknown lr_scheduler_type \"cosin\"")
        guard case let .success(inferred)? = ScheduleResolver.resolve(declared: .failure(failure), logged: log, plannedSteps: run.total) else {
            Issue.record("no schedule"); return
        }
        #expect(inferred.name == "inferred cosine")
        #expect(inferred.note?.contains("cosin") == true)
        // Without a planned end nothing can be inferred; a declaration alone stays as it was.
        #expect(ScheduleResolver.resolve(declared: nil, logged: log, plannedSteps: nil) == nil)
        #expect(ScheduleResolver.resolve(declared: .success(run.declared), logged: nil, plannedSteps: nil) == .success(run.declared))
    }

    /// A log at another level than the declaration (the peak its runs log is 8× the declared one,
    /// or half of it): the declared rest is scaled by logged÷declared, so the merged schedule goes
    /// on where the run is instead of dropping to the declared level; the note says so.
    @Test(arguments: [8.0, 0.5]) func aDeclaredPeakOffTheLoggedOneScalesTheDeclaredRest(factor: Double) throws {
        let run = try Self.real("25M-cosine_24000")
        var log = LearningRateLog()
        for k in run.knots where k.step <= 0.4 * run.total { log.append(step: k.step, lr: k.lr * factor) }
        guard case let .success(merged)? = ScheduleResolver.resolve(declared: .success(run.declared), logged: log, plannedSteps: run.total) else {
            Issue.record("no schedule"); return
        }
        // Past the log, the real run's LR (its logged one, times the factor), not the declared level.
        for k in run.knots where k.step > 0.4 * run.total {
            #expect(abs(merged.lr(atStep: k.step) - factor * k.lr) <= 0.01 * factor * 3e-4, "step \(k.step): \(merged.lr(atStep: k.step)) for \(factor * k.lr)")
        }
        #expect(abs(merged.peakLR - factor * 3e-4) < 1e-3 * factor * 3e-4)
        #expect(merged.note?.contains("the logged learning rate is \(NumberText.short(factor))× the declared cosine_with_min_lr schedule's") == true, "\(merged.note ?? "no note")")
        #expect(merged.note?.contains("the declared rest is scaled by \(NumberText.short(factor))") == true)
        // Scaled, the log follows the declaration's shape: no departure is noted.
        #expect(merged.note?.contains("departs") == false)
        // The annealing sums see the run's own cool-down: relative to its peak, the merged
        // schedule is the declared one (unscaled, the rest would be a drop to 1/factor).
        let steps = stride(from: 10_000.0, through: run.total, by: 2_000).map { $0 }
        let mergedAreas = AnnealingCurveLaw.areas(merged, steps: steps, lambda: 0.999)
        let declaredAreas = AnnealingCurveLaw.areas(run.declared, steps: steps, lambda: 0.999)
        for i in steps.indices {
            #expect(abs(mergedAreas.s2[i] - declaredAreas.s2[i]) <= 0.02 * max(declaredAreas.s2.last!, 1e-9), "step \(steps[i])")
        }
    }
}
