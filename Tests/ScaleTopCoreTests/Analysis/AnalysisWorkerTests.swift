import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

@Suite struct AnalysisWorkerTests {
    /// The Li et al. sweep read whole, and a worker with a coarse parametric grid.
    static func liSweepAndWorker() throws -> (SweepReader, AnalysisWorker) {
        let reader = try SweepFixture.readOnce([SharedData.data("sweep-li2025").path])
        var options = SweepAnalysisOptions(targetFlops: 1e22)
        options.parametricGrid = .coarse
        return (reader, AnalysisWorker(options: options))
    }

    @Test func fitsInTheBackgroundAndWakesTheLoop() throws {
        let (reader, worker) = try Self.liSweepAndWorker()
        #expect(worker.takeResult() == nil)
        worker.submit(reader.sweep)
        // The submitter is not blocked; the result arrives on the wake descriptor: first the
        // envelope fit alone (the final points are new), then with the parametric fit.
        let woke = DescriptorWait.readable([worker.wakeDescriptor], timeout: 60)
        #expect(woke == [worker.wakeDescriptor])
        var analysis = try #require(worker.takeResult())
        #expect(analysis.envelopeFit != nil)
        #expect(analysis.lossAtTarget(1e22).map { $0 > 1 && $0 < 3 } == true)
        // The landing model comes with it from the start (without L(N, D) while that is pending).
        #expect(analysis.landing != nil)
        let deadline = MonotonicClock.now() + 120
        while analysis.parametricPending && MonotonicClock.now() < deadline {
            #expect(analysis.parametric == nil)
            _ = DescriptorWait.readable([worker.wakeDescriptor], timeout: 5)
            if let next = worker.takeResult() { analysis = next }
        }
        #expect(!analysis.parametricPending)
        #expect(analysis.parametric != nil)
        #expect(analysis.envelopeFit != nil)
        while worker.isBusy && MonotonicClock.now() < deadline { usleep(10_000) }
        _ = worker.takeResult()
        #expect(worker.takeResult() == nil)
        // The same sweep again: nothing is redone (the envelope fit is skipped, the parametric
        // fit comes from the cache in a single pass).
        let fullFits = analysis.fullFits
        worker.submit(reader.sweep)
        _ = DescriptorWait.readable([worker.wakeDescriptor], timeout: 60)
        let again = try #require(worker.takeResult())
        #expect(!again.parametricPending)
        #expect(again.parametric != nil)
        #expect(again.fullFits == fullFits)
        #expect(fullFits == 1)
        #expect(again.skippedFits == analysis.skippedFits + 1)
        // The landing model comes with the analysis (built here, off the loop, under the sweep's
        // L(N, D)) as the loop's own diagnoses would build it; the same sweep again reuses it.
        let landing = try #require(analysis.landing)
        #expect(landing.law == analysis.parametric && !landing.shapes.isEmpty)
        let built = SweepLandingModel.build(reader.sweep, law: analysis.parametric)
        #expect(landing.shapes.map(\.ratio) == built.shapes.map(\.ratio) && landing.lawSpread == built.lawSpread)
        #expect(again.landing?.revision == landing.revision)
    }

    /// A sweep submitted as part of a backlog gets the envelope fit only: no parametric pass
    /// follows (its final points are not final), until the same sweep comes again whole.
    @Test func aPartialSweepGetsNoParametricFitUntilSubmittedWhole() throws {
        let (reader, worker) = try Self.liSweepAndWorker()
        worker.submit(reader.sweep, partial: true)
        _ = DescriptorWait.readable([worker.wakeDescriptor], timeout: 60)
        let partial = try #require(worker.takeResult())
        #expect(partial.envelopeFit != nil)
        #expect(partial.parametricPending)
        // A backlog's runs are not judged yet: no landing model is built for them.
        #expect(partial.landing == nil)
        let deadline = MonotonicClock.now() + 120
        while worker.isBusy && MonotonicClock.now() < deadline { usleep(10_000) }
        // Nothing more was published: the parametric pass did not run.
        #expect(worker.takeResult() == nil)
        worker.submit(reader.sweep)
        var analysis = partial
        while analysis.parametricPending && MonotonicClock.now() < deadline {
            _ = DescriptorWait.readable([worker.wakeDescriptor], timeout: 5)
            if let next = worker.takeResult() { analysis = next }
        }
        #expect(analysis.parametric != nil)
    }
}
