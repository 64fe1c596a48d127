import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// How many log files the reader holds open: one at a time for a one-shot read, a bounded
/// number of the most recently grown ones while watching, every run read either way.
@Suite struct DescriptorUseTests {
    static let fileCount = 60

    func write(_ dir: TemporaryDirectory, step: Int) throws {
        for k in 0..<Self.fileCount {
            try dir.append(String(format: "r%03d.jsonl", k), "{\"step\": \(step), \"loss\": \(Double(k) + Double(step) / 10)}\n")
        }
    }

    @Test func aOneShotReadClosesEachFile() throws {
        let dir = try TemporaryDirectory()
        try write(dir, step: 1)
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        let r = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        r.poll(now: 1)
        #expect(r.sweep.runs.count == Self.fileCount)
        #expect(r.tailer.openFileCount == 0)
    }

    @Test(arguments: [false, true]) func watchingHoldsABoundedNumberAndLosesNothing(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try write(dir, step: 1)
        var configuration = SweepReader.Configuration()
        configuration.tailer.forcePolling = polling
        configuration.tailer.pollInterval = 0
        configuration.tailer.fullCheckInterval = 0
        configuration.tailer.maximumOpenFiles = 8
        let r = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        var clock = 1.0
        r.poll(now: clock)
        #expect(r.sweep.runs.count == Self.fileCount)
        #expect(r.tailer.openFileCount <= 8)
        // Every file grows (closed ones are opened again and read on from where they were).
        for step in 2...4 {
            try write(dir, step: step)
            clock += 1
            r.poll(now: clock)
            #expect(r.tailer.openFileCount <= 8)
        }
        for k in 0..<Self.fileCount {
            let losses = r.sweep.run(named: String(format: "r%03d", k))?.curve.loss.map { $0 } ?? []
            #expect(losses == (1...4).map { Double(k) + Double($0) / 10 }, "r\(k)")
        }
        #expect(r.sweep.lineCounts.bad == 0)
        // Quiet for longer than `quietAfter`: every descriptor is given back.
        r.poll(now: clock + configuration.tailer.quietAfter + 1)
        #expect(r.tailer.openFileCount == 0)
        // A closed file replaced under its name is read again from the start.
        try dir.write("r000.jsonl", "{\"step\": 1, \"loss\": 9.0}\n")
        r.poll(now: clock + configuration.tailer.quietAfter + 2)
        #expect(r.sweep.run(named: "r000")?.curve.loss.map { $0 } == [9.0])
    }
}
