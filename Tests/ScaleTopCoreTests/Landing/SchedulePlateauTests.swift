import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// Flattening that a run's declared schedule predicts (a WSD stable phase, a constant LR, the low
/// stage of a two-stage schedule) is not a plateau.
@Suite(.tags(.slow)) struct SchedulePlateauTests {
    /// Diagnoses every 10 % prefix of every run under `directory`; returns the flagged ones.
    /// `loggedOnly`: the schedule is what each prefix's logged LR says (inferred, nothing declared).
    func flaggedPrefixes(_ directory: URL, withSchedules: Bool, withSweepLaw: Bool, loggedOnly: Bool = false) throws -> (flagged: [String], looked: Int) {
        let reader = SweepReader(roots: try LogPaths.resolve([directory.path]))
        reader.poll(now: 0)
        let landing = withSweepLaw ? SweepLandingModel.build(reader.sweep, law: nil) : nil
        var flagged: [String] = [], looked = 0
        for run in reader.sweep.runs {
            let series = CurveSeries(run: run)
            var context = RunDiagnosticsContext()
            context.landing = landing
            if withSchedules { context.schedule = reader.sweep.schedules[run.name] }
            for tenth in 1...10 {
                let prefix = series.prefix(series.count * tenth / 10)
                if loggedOnly, let knots = run.learningRates?.knots {
                    // The LR logged up to the prefix's last step, as a live view would have it.
                    let end = prefix.step.last ?? 0
                    var log = LearningRateLog()
                    for k in knots where k.step <= end { log.append(step: k.step, lr: k.lr) }
                    context.schedule = ScheduleResolver.resolve(declared: nil, logged: log, plannedSteps: run.meta.totalSteps)
                }
                let status = RunDiagnostics.diagnose(prefix, context: context, projecting: false).verdict.status
                looked += 1
                if status == .plateau || status == .diverged { flagged.append("\(run.name)@\(tenth * 10)%:\(status)") }
            }
        }
        return (flagged, looked)
    }

    @Test func theNineRealSchedulesHaveNoPlateauOnceTheirScheduleIsKnown() throws {
        let data = SharedData.data("schedules-mpl25m")
        let blind = try flaggedPrefixes(data, withSchedules: false, withSweepLaw: false)
        let own = try flaggedPrefixes(data, withSchedules: true, withSweepLaw: false)
        let shared = try flaggedPrefixes(data, withSchedules: true, withSweepLaw: true)
        print("[landing] 25M schedules, 10 % prefixes flagged: without the schedule \(blind.flagged.count)/\(blind.looked) \(blind.flagged); with it (own fit) \(own.flagged.count) \(own.flagged); with the sweep's law \(shared.flagged.count) \(shared.flagged)")
        // Measured: 27 of 90 prefixes flagged without the schedule, none with it, by the runs' own
        // fit or the sweep's law.
        #expect(blind.flagged.count >= 20, "the schedules do make flat stretches the plain rule flags")
        #expect(own.flagged.isEmpty, "\(own.flagged)")
        #expect(shared.flagged.isEmpty, "\(shared.flagged)")
    }

    /// The same from the LR each prefix logged, nothing declared: the schedule inferred so far
    /// (a flat LR is constant until a cool-down shows) judges the flat stretches.
    @Test func theNineRealSchedulesHaveNoPlateauFromTheLoggedRateAlone() throws {
        let data = SharedData.data("schedules-mpl25m")
        let own = try flaggedPrefixes(data, withSchedules: false, withSweepLaw: false, loggedOnly: true)
        let shared = try flaggedPrefixes(data, withSchedules: false, withSweepLaw: true, loggedOnly: true)
        print("[landing] 25M schedules, LR logged and not declared, 10 % prefixes flagged: own fit \(own.flagged.count)/\(own.looked) \(own.flagged); with the sweep's law \(shared.flagged.count) \(shared.flagged)")
        #expect(own.flagged.isEmpty, "\(own.flagged)")
        #expect(shared.flagged.isEmpty, "\(shared.flagged)")
    }

    @Test func simulatedSweepsHaveNoPlateauFromTheLoggedRateAlone() throws {
        for seed: UInt64 in [1, 2] {
            let dir = try TemporaryDirectory(prefix: "landing-plateau")
            var fixture = ScheduledSweepFixture(sizes: [1e7, 6e7, 4e8], seed: seed)
            fixture.declaresSchedules = false
            try fixture.write(into: dir.url)
            let result = try flaggedPrefixes(dir.url, withSchedules: false, withSweepLaw: true, loggedOnly: true)
            print("[landing] simulated schedule sweep, LR logged and not declared (seed \(seed)): \(result.flagged.count)/\(result.looked) prefixes flagged \(result.flagged)")
            #expect(result.flagged.isEmpty, "\(result.flagged)")
        }
    }

    @Test func simulatedScheduleSweepsHaveNoPlateau() throws {
        for seed: UInt64 in [1, 2] {
            let dir = try TemporaryDirectory(prefix: "landing-plateau")
            try ScheduledSweepFixture(sizes: [1e7, 6e7, 4e8], seed: seed).write(into: dir.url)
            let result = try flaggedPrefixes(dir.url, withSchedules: true, withSweepLaw: true)
            print("[landing] simulated schedule sweep (seed \(seed)): \(result.flagged.count)/\(result.looked) prefixes flagged \(result.flagged)")
            #expect(result.flagged.isEmpty, "\(result.flagged)")
        }
    }

    @Test func aRunThatStallsAgainstItsScheduleIsStillAPlateau() throws {
        // The 25M constant-LR run, its loss held at its 40 % value from then on: the schedule
        // promises a further fall, so the stall is a plateau.
        let reader = SweepReader(roots: try LogPaths.resolve([SharedData.data("schedules-mpl25m").path]))
        reader.poll(now: 0)
        let name = "25M-constant_72000"
        var series = CurveSeries(run: try #require(reader.sweep.run(named: name)))
        let hold = series.count * 4 / 10
        for i in hold..<series.count { series.loss[i] = series.loss[hold] * (1 + 0.001 * sin(Double(i))) }
        var context = RunDiagnosticsContext()
        context.schedule = reader.sweep.schedules[name]
        let status = RunDiagnostics.diagnose(series.prefix(series.count * 8 / 10), context: context, projecting: false).verdict.status
        #expect(status == .plateau)
    }

    /// `series` with its loss held from `fraction` of its points on at the level it had there,
    /// keeping its own point-to-point noise (each point's ratio to the median of its 9 neighbours).
    static func stalled(_ series: CurveSeries, from fraction: Double) -> CurveSeries {
        var copy = series
        let hold = Int(Double(series.count) * fraction)
        for i in hold..<series.count {
            let neighbours = series.loss[max(0, i - 4)...min(series.count - 1, i + 4)].sorted()
            copy.loss[i] = series.loss[hold] * series.loss[i] / neighbours[neighbours.count / 2]
        }
        return copy
    }

    /// For every run under `directory`, stalled from 40 % of its points: the first 10 % prefix
    /// (50 %…90 %) called plateau or diverged with its schedule known, or nil.
    func stallFlags(_ directory: URL, withSweepLaw: Bool) throws -> [(run: String, tenth: Int?)] {
        let reader = SweepReader(roots: try LogPaths.resolve([directory.path]))
        reader.poll(now: 0)
        let landing = withSweepLaw ? SweepLandingModel.build(reader.sweep, law: nil) : nil
        return reader.sweep.runs.map { run in
            let series = Self.stalled(CurveSeries(run: run), from: 0.4)
            var context = RunDiagnosticsContext()
            context.landing = landing
            context.params = run.meta.params
            context.schedule = reader.sweep.schedules[run.name]
            let tenth = (5...9).first { tenth in
                let status = RunDiagnostics.diagnose(series.prefix(series.count * tenth / 10), context: context, projecting: false).verdict.status
                return status == .plateau || status == .diverged
            }
            return (run.name, tenth)
        }
    }

    /// A stall is a plateau whatever the schedule: every real and simulated run, its loss held from
    /// 40 % of its points on, is flagged before the rule stops judging at 90 % of the plan, half of
    /// them by 60 %. Measured: first flagged at 50–70 % (median 60 % on the 25M runs, 50 % on the
    /// simulated ones); the same runs were caught at 50–80 % when the schedule was judged against
    /// the plateau rule's broken line (which also flagged the healthy 25M runs at 50 %).
    @Test func aStallUnderAnyScheduleIsStillAPlateau() throws {
        let simulated = try TemporaryDirectory(prefix: "landing-stall")
        try ScheduledSweepFixture(sizes: [1e7, 6e7, 4e8], seed: 1).write(into: simulated.url)
        for (label, directory) in [("25M schedules", SharedData.data("schedules-mpl25m")), ("simulated sweep", simulated.url)] {
            for withSweepLaw in [false, true] {
                let flags = try stallFlags(directory, withSweepLaw: withSweepLaw)
                let caught = flags.filter { $0.tenth != nil }
                let first = flags.map { "\($0.run)@\($0.tenth.map { "\($0 * 10)%" } ?? "never")" }
                print("[landing] \(label), stalled from 40 %, \(withSweepLaw ? "the sweep's law" : "own fit"): caught \(caught.count)/\(flags.count), first flagged \(first)")
                #expect(caught.count == flags.count, "\(first)")
                let tenths = flags.map { $0.tenth ?? 10 }.sorted()
                #expect(tenths[(tenths.count - 1) / 2] <= 6, "\(first)")
            }
        }
    }
}
