import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

/// A clock that only moves when the writer sleeps, so live writing runs instantly in tests.
private final class SimulatedClock {
    var now: Double
    var sleeps = 0
    init(now: Double) { self.now = now }
    func sleep(_ seconds: Double) {
        #expect(seconds > 0 && seconds <= SweepWriter.sleepSlice)
        now += seconds
        sleeps += 1
    }
}

@Suite struct SimulationSweepWriterTests {
    let plan = SweepPlan.standard(runCount: 5, seed: 3, pointsPerRun: 120)

    func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func instantWritingLeavesEachRunsLinesInItsOwnFile() throws {
        let directory = try TemporaryDirectory()
        let target = directory.url.appendingPathComponent("nested/sweep").path
        let writer = SweepWriter(plan: plan, directory: target, instant: true)
        let summary = try writer.write(now: { 1_700_000_060 })
        #expect(summary.completed)
        #expect(summary.files.count == 5)

        let start = writer.startTime(now: 1_700_000_060)
        #expect(start == 1_700_000_000)
        var total = 0
        for run in plan.runs {
            let expected = SimulationLogFormat.lines(for: RunCurve(run: run, plan: plan), runStartTime: start)
            let text = try contents(writer.filePath(for: run))
            #expect(text == expected.joined(separator: "\n") + "\n")
            total += expected.count
        }
        #expect(summary.linesWritten == total)
    }

    @Test func liveWritingWaitsForEachLineAndEndsAfterTheLongestRun() throws {
        let directory = try TemporaryDirectory()
        let clock = SimulatedClock(now: 1_000)
        let writer = SweepWriter(plan: plan, directory: directory.path, speed: 4)
        let summary = try writer.write(now: { clock.now }, sleep: clock.sleep)
        #expect(summary.completed)
        #expect(clock.sleeps > 0)
        // 60 s at speed 4, reached within one sleep slice.
        #expect(clock.now >= 1_015 && clock.now < 1_015 + SweepWriter.sleepSlice)
        let last = try contents(writer.filePath(for: plan.runs[4])).split(separator: "\n").last!
        #expect(last.hasSuffix("\"time\": 1015.0}"))
    }

    @Test func timelineInterleavesRunsInTimeOrderAfterTheHeaders() {
        let lines = Array(SweepTimeline(plan: plan, startTime: 0, speed: 1))
        #expect(lines.prefix(5).map(\.runIndex) == [0, 1, 2, 3, 4])
        #expect(lines.prefix(5).allSatisfy { $0.text.hasPrefix("{\"run\": ") })
        #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.dueTime <= $1.dueTime })
        // The small run finishes long before the large one, so the end belongs to the large run.
        #expect(lines.suffix(20).allSatisfy { $0.runIndex == 4 })
        #expect(Set(lines.prefix(60).map(\.runIndex)).count == 5)
    }

    @Test func aStopRequestEndsWritingAfterAWholeLine() throws {
        let directory = try TemporaryDirectory()
        let clock = SimulatedClock(now: 0)
        let writer = SweepWriter(plan: plan, directory: directory.path)
        let summary = try writer.write(now: { clock.now }, sleep: clock.sleep, shouldStop: { clock.now > 20 })
        #expect(!summary.completed)
        #expect(clock.now < 20.2)
        var written = 0
        for run in plan.runs {
            let text = try contents(writer.filePath(for: run))
            #expect(text.hasSuffix("\n"))
            written += text.split(separator: "\n").count
        }
        #expect(written == summary.linesWritten)
        #expect(written > 5 && written < 5 + 5 * 120)
    }

    @Test func rewritingADirectoryReplacesTheOldFiles() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path
        _ = try SweepWriter(plan: .standard(runCount: 2, seed: 1), directory: path, instant: true).write()
        let writer = SweepWriter(plan: .standard(runCount: 2, seed: 2, pointsPerRun: 10), directory: path, instant: true)
        _ = try writer.write()
        let text = try contents(writer.filePath(for: writer.plan.runs[0]))
        #expect(text.split(separator: "\n").count == 11)
    }

    @Test func anUnwritableDirectoryIsReported() throws {
        let directory = try TemporaryDirectory()
        let blocker = try directory.write("file", "not a directory")
        let writer = SweepWriter(plan: plan, directory: blocker.appendingPathComponent("sweep").path, instant: true)
        #expect(throws: SimulationWriteError.self) { try writer.write() }
    }
}
