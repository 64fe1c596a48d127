import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// Episodes: what happened to a run on the way, kept after it recovered or finished, and alerting
/// once each.
@Suite struct RunEpisodesTests {
    /// The standard sweep of `seed` (its plateau and divergence runs included) with `shapes` set.
    static func plan(seed: UInt64, shapes: [Int: FailureShape?] = [:]) -> SweepPlan {
        var plan = SweepPlan.standard(seed: seed, pointsPerRun: 300)
        for (index, shape) in shapes { plan.runs[index].failure = shape }
        return plan
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func aFinishedRunKeepsItsPlateauWithItsMarkAndReason(seed: UInt64) throws {
        let plan = Self.plan(seed: seed)
        let directory = try TemporaryDirectory()
        _ = try SweepWriter(plan: plan, directory: directory.path, instant: true).write()
        let reader = SweepReader(roots: try LogPaths.resolve([directory.path]))
        _ = reader.poll(now: 0)
        var diagnostics = SweepDiagnostics()
        let diagnoses = diagnostics.diagnose(reader.sweep, fit: nil, now: nil)
        let run = plan.runs[1]
        let onset = try #require(run.failure?.onset) * Double(run.totalSteps)
        let diagnosis = try #require(diagnoses[run.name])
        #expect(diagnosis.verdict.status == .finished)
        let plateau = try #require(diagnosis.episodes.first { $0.kind == .plateau })
        #expect(!plateau.ongoing)
        #expect(plateau.fromStep >= 0.8 * onset && plateau.fromStep <= onset + 0.5 * (Double(run.totalSteps) - onset))
        #expect(plateau.toStep > plateau.fromStep)
        #expect(diagnosis.flaggedStatus == .plateau)
        #expect(diagnosis.onset != nil)
        #expect(diagnosis.verdict.reason?.contains("It went through plateau \(Int(plateau.fromStep))–") == true)
        // The healthy runs of the same sweep went through nothing.
        for healthy in plan.runs where healthy.failure == nil {
            #expect(diagnoses[healthy.name]?.episodes == [], "\(healthy.name)")
        }
    }

    /// A run at too high a learning rate grows line by line: the blow-up alerts once (not once per
    /// swing in and out of it), and the run, once finished, still lists it.
    @Test func aChaoticRunAlertsOnceAndKeepsItsDivergenceWhenFinished() throws {
        let chaotic = 3
        var shapes: [Int: FailureShape?] = [1: nil, 6: nil]
        shapes[chaotic] = .chaotic(onset: 0.08)
        let plan = Self.plan(seed: 4, shapes: shapes)
        let directory = try TemporaryDirectory()
        let lines = Array(SweepTimeline(plan: plan, startTime: 0, speed: 1))
        var files: [Int: FileHandle] = [:]
        for (index, run) in plan.runs.enumerated() {
            let path = directory.url.appendingPathComponent(run.name + ".jsonl").path
            FileManager.default.createFile(atPath: path, contents: nil)
            files[index] = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        }
        let reader = SweepReader(roots: try LogPaths.resolve([directory.path]))
        var diagnostics = SweepDiagnostics()
        var tracker = EpisodeAlertTracker()
        var alerts: [EpisodeAlert] = []
        var statuses: Set<RunStatus> = []
        let chunks = 40
        for chunk in 0..<chunks {
            let slice = lines[(lines.count * chunk / chunks)..<(lines.count * (chunk + 1) / chunks)]
            for line in slice { files[line.runIndex]!.write(Data((line.text + "\n").utf8)) }
            _ = reader.poll(now: Double(chunk))
            let diagnoses = diagnostics.diagnose(reader.sweep, fit: nil, now: nil)
            alerts += tracker.update(diagnoses)
            if let status = diagnoses[plan.runs[chaotic].name]?.verdict.status { statuses.insert(status) }
        }
        files.values.forEach { try? $0.close() }
        #expect(alerts.map(\.run) == [plan.runs[chaotic].name])
        #expect(alerts.first?.episode.kind == .diverged)
        #expect(alerts.first?.status == .diverged)
        #expect(statuses.contains(.diverged) && statuses.contains(.finished))
        let final = try #require(diagnostics.diagnose(reader.sweep, fit: nil, now: nil)[plan.runs[chaotic].name])
        #expect(final.verdict.status == .finished)
        let episode = try #require(final.episodes.headline)
        #expect(episode.kind == .diverged && !episode.ongoing)
        #expect(final.flaggedStatus == .diverged)
        // Nothing new once finished.
        #expect(tracker.update(diagnostics.diagnose(reader.sweep, fit: nil, now: nil)).isEmpty)
    }

    @Test func aSecondSeparateEpisodeAlertsAgainAndAReturningRunAlertsAfresh() {
        func diagnosis(_ status: RunStatus, _ episodes: [RunEpisode]) -> RunDiagnosis {
            var d = RunDiagnostics.diagnose(CurveSeries(axis: .steps, x: [], loss: []))
            d.verdict = RunStatusVerdict(status: status, reason: "because")
            d.episodes = episodes
            return d
        }
        func episode(_ kind: RunEpisode.Kind, _ from: Double, _ to: Double, ongoing: Bool) -> RunEpisode {
            RunEpisode(kind: kind, fromX: from, toX: to, fromStep: from, toStep: to, peakLoss: 9, ongoing: ongoing)
        }
        var tracker = EpisodeAlertTracker()
        let first = tracker.update(["a": diagnosis(.diverged, [episode(.diverged, 100, 120, ongoing: true)])])
        #expect(first.map(\.reason) == ["because"])
        // The same episode, grown, then recovered: nothing new; a spike never alerts.
        #expect(tracker.update(["a": diagnosis(.diverged, [episode(.diverged, 100, 160, ongoing: true)])]).isEmpty)
        #expect(tracker.update(["a": diagnosis(.running, [episode(.diverged, 100, 170, ongoing: false), episode(.spike, 300, 301, ongoing: false)])]).isEmpty)
        // A later, separate one alerts, with the run's previous status.
        let second = tracker.update(["a": diagnosis(.plateau, [episode(.diverged, 100, 170, ongoing: false), episode(.plateau, 400, 500, ongoing: true)])])
        #expect(second.map(\.episode.kind) == [.plateau])
        #expect(second.first?.previousStatus == .running)
        // Gone, then back: seen afresh.
        #expect(tracker.update([:]).isEmpty)
        #expect(tracker.update(["a": diagnosis(.finished, [episode(.diverged, 100, 170, ongoing: false)])]).map(\.reason) == ["diverged 100–170"])
    }
}
