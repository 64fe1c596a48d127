import Foundation
@testable import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// The runs judged on the diagnosis worker's queue, as the live view does, against the same
/// judgement made in place: a schedule sweep of four sizes whose largest runs are cut at 40 %.
@Suite struct DiagnosisWorkerTests {
    static let sizes = [1e7, 2.5e7, 6e7, 1.5e8]

    /// The sweep, and its analysis carrying the landing model as the analysis worker makes it.
    static func sweepAndAnalysis() throws -> (Sweep, SweepAnalysis) {
        let dir = try TemporaryDirectory(prefix: "diagnosis-worker")
        let fixture = ScheduledSweepFixture(sizes: sizes, seed: 6)
        let cut = Dictionary(uniqueKeysWithValues: fixture.runs.filter { $0.params == sizes.last }.map { ($0.name, 0.4) })
        try fixture.write(into: dir.url, cut: cut)
        let sweep = try SweepFixture.readOnce([dir.path]).sweep
        var analyzer = SweepAnalyzer()
        analyzer.options.bandResamples = 0
        var analysis = analyzer.analyze(sweep)
        var builder = LandingModelBuilder()
        analysis.landing = builder.update(sweep, law: analysis.parametric)
        return (sweep, analysis)
    }

    static func waitForResult(_ worker: DiagnosisWorker) throws -> DiagnosisWorker.Result {
        let deadline = MonotonicClock.now() + 120
        while worker.isBusy && MonotonicClock.now() < deadline {
            _ = DescriptorWait.readable([worker.wakeDescriptor], timeout: 1)
        }
        return try #require(worker.takeResult())
    }

    @Test func judgesEveryRunAsTheDiagnosticsDoInPlace() throws {
        let (sweep, analysis) = try Self.sweepAndAnalysis()
        let worker = DiagnosisWorker(diagnostics: SweepDiagnostics())
        #expect(worker.takeResult() == nil)
        let serial = worker.submit(sweep, analysis: analysis, now: nil)
        // The result wakes a loop asleep in poll(2).
        #expect(DescriptorWait.readable([worker.wakeDescriptor], timeout: 120) == [worker.wakeDescriptor])
        let result = try Self.waitForResult(worker)
        #expect(result.serial == serial && result.dataMoved)
        var inPlace = SweepDiagnostics()
        let expected = inPlace.diagnose(sweep, analysis: analysis, now: nil)
        #expect(Set(result.diagnoses.keys) == Set(sweep.runs.map(\.name)))
        for (name, diagnosis) in expected {
            let judged = try #require(result.diagnoses[name])
            #expect(judged.verdict == diagnosis.verdict, "\(name)")
            #expect(judged.projection?.projectedLoss == diagnosis.projection?.projectedLoss, "\(name)")
        }
        // The four cut runs are projected under their declared schedules.
        let running = sweep.runs.filter { $0.meta.params == Self.sizes.last }
        #expect(running.count == 4)
        for run in running {
            let projection = try #require(result.diagnoses[run.name]?.projection, "\(run.name)")
            #expect(projection.projectedLoss != nil && projection.schedule != nil, "\(run.name)")
        }
        #expect(worker.stageCPU.seconds["diagnosis", default: 0] > 0)
        #expect(worker.takeResult() == nil)
    }

    /// Submissions made while the worker is busy fold into the newest: one result, with the newest
    /// serial, that says data moved if any of them did; the same sweep again comes from the cache.
    @Test func submissionsWhileBusyFoldIntoTheNewest() throws {
        let (sweep, analysis) = try Self.sweepAndAnalysis()
        let worker = DiagnosisWorker(diagnostics: SweepDiagnostics())
        worker.submit(sweep, analysis: analysis, now: nil, dataMoved: true)
        worker.submit(sweep, analysis: analysis, now: nil, dataMoved: false)
        let last = worker.submit(sweep, analysis: analysis, now: nil, dataMoved: false)
        let folded = try Self.waitForResult(worker)
        #expect(folded.serial == last && folded.dataMoved)
        #expect(worker.takeResult() == nil)
        let clockOnly = worker.submit(sweep, analysis: analysis, now: nil, dataMoved: false)
        let again = try Self.waitForResult(worker)
        #expect(again.serial == clockOnly && !again.dataMoved)
        #expect(again.diagnoses.mapValues(\.verdict) == folded.diagnoses.mapValues(\.verdict))
        #expect(again.diagnoses.mapValues { $0.projection?.projectedLoss } == folded.diagnoses.mapValues { $0.projection?.projectedLoss })
    }
}
