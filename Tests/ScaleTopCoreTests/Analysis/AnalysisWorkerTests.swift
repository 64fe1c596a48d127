import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

@Suite struct AnalysisWorkerTests {
    @Test func fitsInTheBackgroundAndWakesTheLoop() throws {
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        let reader = SweepReader(roots: try LogPaths.resolve([SharedData.data("sweep-li2025").path]), configuration: configuration)
        reader.poll(now: 0)
        var options = SweepAnalysisOptions(targetFlops: 1e22)
        options.parametricGrid = .coarse
        let worker = AnalysisWorker(options: options)
        #expect(worker.takeResult() == nil)
        worker.submit(reader.sweep)
        // The submitter is not blocked; the result arrives on the wake descriptor.
        let woke = DescriptorWait.readable([worker.wakeDescriptor], timeout: 60)
        #expect(woke == [worker.wakeDescriptor])
        let analysis = try #require(worker.takeResult())
        #expect(analysis.envelopeFit != nil)
        #expect(analysis.lossAtTarget(1e22).map { $0 > 1 && $0 < 3 } == true)
        #expect(worker.takeResult() == nil)
        // The same sweep again: the envelope fit is skipped, not redone.
        worker.submit(reader.sweep)
        _ = DescriptorWait.readable([worker.wakeDescriptor], timeout: 60)
        let again = try #require(worker.takeResult())
        #expect(again.skippedFits == 1)
        #expect(again.fullFits == 1)
    }
}
