import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// How close `projection.projected_loss` comes to where a run really ended, cut part-way with the
/// sweep's other runs complete (see `LandingAccuracyHarness`). Each test prints the figures before
/// (the run's own curve alone) and after (informed by the sweep); the bounds are the issue's
/// targets where they were reached, else the figure reached (as a regression bound; said so).
@Suite(.tags(.slow)) struct LandingAccuracyTests {
    func report(_ pair: (before: LandingAccuracyHarness.Summary, after: LandingAccuracyHarness.Summary)) {
        print(pair.before)
        print(pair.after)
        for o in pair.after.outcomes {
            print("[landing]   \(o.run): projected \(o.projected.map { NumberText.fixed($0, digits: 4) } ?? "—") ends \(NumberText.fixed(o.truth, digits: 4)) schedule \(o.schedule ?? "none")")
        }
    }

    /// Nine real schedules of one 25M model, each cut with the other eight complete.
    @Test func realSchedulesLandWithinTheTargets() throws {
        let at30 = try LandingAccuracyHarness.schedules25M(fraction: 0.3)
        let at50 = try LandingAccuracyHarness.schedules25M(fraction: 0.5)
        report(at30)
        report(at50)
        #expect(at30.after.median <= 0.004 && at30.after.worst <= 0.015)
        #expect(at50.after.median <= 0.003 && at50.after.worst <= 0.010)
        #expect(at30.after.median < at30.before.median && at50.after.median < at50.before.median)
        #expect(at30.after.unprojectedShare == 0 && at50.after.unprojectedShare == 0)
    }

    /// The same nine curves with the declarations taken out of their headers (`lr` on every line
    /// and the planned steps kept): the schedule is inferred from the logged LR, or held where it is.
    @Test func realSchedulesLandFromTheLoggedLearningRateAlone() throws {
        let at30 = try LandingAccuracyHarness.schedules25M(fraction: 0.3, stripDeclarations: true)
        let at50 = try LandingAccuracyHarness.schedules25M(fraction: 0.5, stripDeclarations: true)
        report(at30)
        report(at50)
        #expect(at30.after.unprojectedShare == 0 && at50.after.unprojectedShare == 0)
        // Every projection says the schedule it used, and none claims a declaration.
        for o in at30.after.outcomes + at50.after.outcomes {
            #expect(o.schedule.map { $0.hasPrefix("inferred ") || $0 == "assumed constant" } == true, "\(o.run): \(o.schedule ?? "none")")
        }
        // Measured: median 0.25 % / 0.10 %, worst 2.2 % / 2.3 %: the two WSD runs, cut in their
        // stable phase, cannot show the cool-down still to come (projected as constant). The other
        // seven within the declared targets.
        #expect(at30.after.median <= 0.004 && at50.after.median <= 0.003)
        #expect(at30.after.worst <= 0.025 && at50.after.worst <= 0.025)
        let shown = { (s: LandingAccuracyHarness.Summary) in
            LandingAccuracyHarness.Summary(label: s.label, outcomes: s.outcomes.filter { !$0.run.contains("wsd_") && !$0.run.contains("wsdld") })
        }
        #expect(shown(at30.after).worst <= 0.015 && shown(at50.after).worst <= 0.010)
    }

    /// The 25M WSD runs at 90 % of their plan, in their cool-down (the drop still to come).
    @Test func wsdRunsKnowTheirCoolDownIsComing() throws {
        let at90 = try LandingAccuracyHarness.schedules25M(fraction: 0.9)
        let wsd = { (s: LandingAccuracyHarness.Summary) in
            LandingAccuracyHarness.Summary(label: s.label + " (WSD runs)", outcomes: s.outcomes.filter { $0.run.contains("wsd_") || $0.run.contains("wsdld") })
        }
        report((wsd(at90.before), wsd(at90.after)))
        #expect(wsd(at90.after).outcomes.count == 2)
        // Measured: 2.34 % before; after 0.58 % (geometric cool-down, the law's drop a little deep)
        // and 0.13 % (linear). Bound at the figure reached.
        #expect(wsd(at90.after).worst < 0.006 && wsd(at90.after).worst < wsd(at90.before).worst)
    }

    /// Li et al. 2025 (cosine, no LR logged): the six larger runs each cut, every smaller run complete.
    @Test func aRealSweepWithoutLearningRatesLandsFromItsLaw() throws {
        let at30 = try LandingAccuracyHarness.li2025(fraction: 0.3)
        let at50 = try LandingAccuracyHarness.li2025(fraction: 0.5)
        report(at30)
        report(at50)
        // The issue's targets: median 1.5 % / 1.0 %, worst 5 %, in band ≥ 70 %, unprojected ≤ 20 %.
        #expect(at30.after.median <= 0.015 && at30.after.worst <= 0.05)
        #expect(at50.after.median <= 0.010 && at50.after.worst <= 0.05)
        #expect(at30.after.worst < at30.before.worst && at50.after.median < at50.before.median)
        #expect(at30.after.inBandShare >= 0.7 && at50.after.inBandShare >= 0.7)
        #expect(at50.after.unprojectedShare <= 0.2)
    }

    /// Simulated sweeps of six sizes (10M–1B) and four declared schedules, three seeds: the four
    /// runs of the largest size cut, a size the law never saw finished.
    @Test func simulatedScheduleSweepsLandAtASizeNotSeen() throws {
        let at30 = try LandingAccuracyHarness.simulated(fraction: 0.3, withSchedules: true)
        let at50 = try LandingAccuracyHarness.simulated(fraction: 0.5, withSchedules: true)
        report(at30)
        report(at50)
        // The issue's targets: median 0.4 % / 0.3 %, worst 1.5 % / 1.0 %.
        #expect(at30.after.median <= 0.004 && at30.after.worst <= 0.015)
        #expect(at50.after.median <= 0.003 && at50.after.worst <= 0.010)
        #expect(at30.after.median < at30.before.median && at50.after.median < at50.before.median)
    }

    /// Sweeps of other sizes (20M–2B, and 10M–3B spaced wider) and seeds than the test above,
    /// the largest size cut: the shared law must not be tuned to one sweep.
    @Test func simulatedSweepsOfOtherSizesAndSeedsLand() throws {
        let sweeps: [(seeds: [UInt64], sizes: [Double])] = [
            ([4, 5], [2e7, 4e7, 9e7, 2e8, 5e8, 2e9]),
            ([10, 11], [1e7, 3e7, 1e8, 3e8, 1e9, 3e9]),
        ]
        for fraction in [0.3, 0.5] {
            var outcomes: [LandingAccuracyHarness.Outcome] = []
            for sweep in sweeps {
                outcomes += try LandingAccuracyHarness.simulated(fraction: fraction, withSchedules: true, seeds: sweep.seeds, sizes: sweep.sizes).after.outcomes
            }
            let after = LandingAccuracyHarness.Summary(label: "simulated sweeps of other sizes and seeds at \(Int(fraction * 100)) %", outcomes: outcomes)
            print(after)
            #expect(after.unprojectedShare == 0 && outcomes.allSatisfy { $0.schedule != nil })
            #expect(after.median <= (fraction < 0.4 ? 0.004 : 0.003) && after.worst <= (fraction < 0.4 ? 0.015 : 0.010), "\(after)")
        }
    }

    /// The same sweeps with `lr` logged on every line and no schedule declared.
    @Test func simulatedSweepsLandFromTheLoggedLearningRateAlone() throws {
        let at30 = try LandingAccuracyHarness.simulated(fraction: 0.3, withSchedules: true, declared: false)
        let at50 = try LandingAccuracyHarness.simulated(fraction: 0.5, withSchedules: true, declared: false)
        report(at30)
        report(at50)
        #expect(at30.after.unprojectedShare == 0 && at50.after.unprojectedShare == 0)
        // Measured: median 0.64 % / 0.51 %, worst 2.0 % / 1.7 % (the WSD runs in their stable phase
        // and the two-stage runs before their step, projected as constant: the log cannot show
        // them). The cosine runs, whose schedule shows, within the declared targets. Bounds at the
        // figures reached.
        #expect(at30.after.median <= 0.008 && at30.after.worst <= 0.022)
        #expect(at50.after.median <= 0.006 && at50.after.worst <= 0.019)
        let cosine = at30.after.outcomes.filter { $0.run.hasSuffix("cosine") } + at50.after.outcomes.filter { $0.run.hasSuffix("cosine") }
        #expect(cosine.allSatisfy { $0.schedule == "inferred cosine" && ($0.error ?? 1) <= 0.0075 })
    }

    /// The same simulated law, cosine only and no LR logged or declared.
    @Test func simulatedSweepsWithoutLearningRatesLand() throws {
        let at30 = try LandingAccuracyHarness.simulated(fraction: 0.3, withSchedules: false)
        let at50 = try LandingAccuracyHarness.simulated(fraction: 0.5, withSchedules: false)
        report(at30)
        report(at50)
        #expect(at30.after.median <= 0.015 && at30.after.worst <= 0.05)
        #expect(at50.after.median <= 0.010 && at50.after.worst <= 0.05)
    }
}
