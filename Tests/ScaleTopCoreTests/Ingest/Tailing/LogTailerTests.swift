import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// Files that change under the reader: growth, half lines, truncation, rotation, rewrites and
/// new files. Each scenario runs with inotify and with the stat-polling fallback.
@Suite struct LogTailerTests {
    static let modes = [false, true]

    func reader(_ dir: TemporaryDirectory, polling: Bool) throws -> SweepReader {
        var configuration = SweepReader.Configuration()
        configuration.tailer.forcePolling = polling
        // Each poll below is a full check, so the test does not depend on timing.
        configuration.tailer.pollInterval = 0
        configuration.tailer.fullCheckInterval = 0
        return SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
    }

    func losses(_ reader: SweepReader, _ run: String) -> [Double] {
        reader.sweep.run(named: run)?.curve.loss.map { $0 } ?? []
    }

    /// The safety-net check of every file runs every `fullCheckInterval` while files grow and
    /// every `quietFullCheckInterval` once none has grown for `quietAfter` seconds; a line
    /// appended then is still read at once (inotify), and the short interval is back.
    @Test(.enabled(if: InotifyAvailability.isAvailable, InotifyAvailability.reason)) func theSafetyNetCheckBacksOffWhileTheFilesAreQuiet() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"step\": 1, \"loss\": 3.0}\n")
        var configuration = SweepReader.Configuration()
        configuration.tailer.fullCheckInterval = 5
        configuration.tailer.quietFullCheckInterval = 30
        configuration.tailer.quietAfter = 60
        let r = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        try #require(r.tailer.mode == .inotify)
        r.poll(now: 0)
        #expect(losses(r, "a") == [3.0])
        #expect(r.tailer.secondsUntilNextCheck(now: 1) == 4)
        r.poll(now: 5)
        #expect(r.tailer.secondsUntilNextCheck(now: 5) == 5)
        // A minute without growth: the next full check is 30 s away.
        r.poll(now: 61)
        #expect(r.tailer.secondsUntilNextCheck(now: 61) == 30)
        #expect(r.tailer.secondsUntilNextCheck(now: 70) == 21)
        try dir.append("a.jsonl", "{\"step\": 2, \"loss\": 2.5}\n")
        r.poll(now: 72)
        #expect(losses(r, "a") == [3.0, 2.5])
        // Growth: back to every 5 s from the last full check (at 61).
        #expect(r.tailer.secondsUntilNextCheck(now: 72) == 0)
        r.poll(now: 73)
        #expect(r.tailer.secondsUntilNextCheck(now: 73) == 5)
    }

    /// With a byte budget per poll (the live view's), a large sweep arrives over several polls:
    /// each poll reads at most about the budget, the tailer says a backlog is left and wants to
    /// be polled at once, and in the end every line was read exactly once.
    @Test(arguments: modes) func aByteBudgetSpreadsALargeReadOverPollsWithoutLoss(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        var expected: [String: [Double]] = [:]
        for name in ["a", "b", "c"] {
            var text = "{\"params\": 1e6}\n"
            var values: [Double] = []
            // Few points (no thinning) but long lines: 8,000 lines of ~330 bytes, 2.6 MB a file.
            let padding = String(repeating: "x", count: 300)
            for k in 1...8_000 {
                let loss = 2 + 1 / Double(k) + Double(name.unicodeScalars.first!.value) / 1000
                values.append(loss)
                text += "{\"step\": \(k), \"loss\": \(loss), \"note\": \"\(padding)\"}\n"
            }
            try dir.write("\(name).jsonl", text)
            expected[name] = values
        }
        var configuration = SweepReader.Configuration()
        configuration.tailer.forcePolling = polling
        configuration.tailer.pollByteBudget = 1 << 20
        let r = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        r.poll(now: 1)
        let firstPoll = r.sweep.lineCounts.read
        #expect(firstPoll > 0 && firstPoll < 4_000, "one poll reads about a megabyte")
        #expect(r.tailer.hasBacklog)
        #expect(r.tailer.secondsUntilNextCheck(now: 1) == 0)
        var polls = 1
        while r.tailer.hasBacklog && polls < 100 {
            r.poll(now: 1)
            polls += 1
        }
        #expect(!r.tailer.hasBacklog)
        #expect(polls >= 6)
        for (name, values) in expected {
            let same = losses(r, name) == values
            #expect(same, "run \(name): \(losses(r, name).count) points read, \(values.count) written")
        }
        #expect(r.sweep.lineCounts == (24_003, 0))
    }

    @Test(arguments: modes) func growthAndHalfLines(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 3.0}\n{\"loss\": 2.")
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        #expect(losses(r, "a") == [3.0])
        #expect(r.sweep.lineCounts.bad == 0)
        try dir.append("a.jsonl", "5}\n{\"loss\": 2.0}\n")
        r.poll(now: 2)
        #expect(losses(r, "a") == [3.0, 2.5, 2.0])
        #expect(r.sweep.lineCounts == (3, 0))
        // Nothing new: nothing changes.
        let revision = r.sweep.revision
        r.poll(now: 3)
        #expect(r.sweep.revision == revision)
    }

    @Test(arguments: modes) func truncationRereadsTheFile(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 3.0}\n{\"loss\": 2.0}\n{\"loss\": 1.0}\n")
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        #expect(losses(r, "a") == [3.0, 2.0, 1.0])
        try dir.write("a.jsonl", "")
        r.poll(now: 2)
        #expect(losses(r, "a") == [])
        try dir.append("a.jsonl", "{\"loss\": 9.0}\n")
        r.poll(now: 3)
        #expect(losses(r, "a") == [9.0])
        #expect(r.sweep.lineCounts.read == 1)
    }

    @Test(arguments: modes) func rewriteInPlaceWithDifferentContent(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 3.0}\n{\"loss\": 2.0}\n")
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        // Same inode, longer content, different bytes: must not be read as growth.
        let handle = try FileHandle(forWritingTo: dir.file("a.jsonl"))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("{\"loss\": 7.0}\n{\"loss\": 6.0}\n{\"loss\": 5.0}\n".utf8))
        try handle.close()
        r.poll(now: 2)
        #expect(losses(r, "a") == [7.0, 6.0, 5.0])
    }

    @Test(arguments: modes) func logrotateRenameAndRecreate(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 3.0}\n{\"loss\": 2.0}\n")
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        try FileManager.default.moveItem(at: dir.file("a.jsonl"), to: dir.file("a.jsonl.1"))
        try dir.write("a.jsonl", "{\"loss\": 1.5}\n")
        r.poll(now: 2)
        // The run equals the file now at its path; the rotated copy is not a log file name.
        #expect(losses(r, "a") == [1.5])
        try dir.append("a.jsonl", "{\"loss\": 1.25}\n")
        r.poll(now: 3)
        #expect(losses(r, "a") == [1.5, 1.25])
    }

    @Test(arguments: modes) func newFilesAndDirectoriesArePickedUp(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 3.0}\n")
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        try dir.write("b.jsonl", "{\"loss\": 2.0}\n")
        try dir.write("sub/c.ndjson", "{\"loss\": 1.0}\n")
        try dir.write("notes.txt", "{\"loss\": 1.0}\n")
        r.poll(now: 2)
        #expect(Set(r.sweep.runs.map(\.name)) == ["a", "b", "sub/c"])
    }

    /// Folders given apart that hold the same file name give a run each: the first folder's
    /// keeps the plain name, the others' are named with their folder.
    @Test(arguments: modes) func oneFileNameInThreeFoldersGivesThreeRuns(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("x/run.jsonl", "{\"loss\": 3.0}\n")
        try dir.write("y/run.jsonl", "{\"loss\": 2.0}\n")
        try dir.write("z/run.jsonl", "{\"loss\": 1.0}\n")
        var configuration = SweepReader.Configuration()
        configuration.tailer.forcePolling = polling
        configuration.tailer.pollInterval = 0
        configuration.tailer.fullCheckInterval = 0
        let roots = try LogPaths.resolve(["x", "y", "z"].map { dir.path + "/" + $0 })
        let r = SweepReader(roots: roots, configuration: configuration)
        r.poll(now: 1)
        #expect(losses(r, "run") == [3.0])
        #expect(losses(r, "y/run") == [2.0])
        #expect(losses(r, "z/run") == [1.0])
        #expect(r.sweep.runs.count == 3)
    }

    /// `runs/` (with its slash, as shells complete it) and `runs` alike.
    @Test(.enabled(if: InotifyAvailability.isAvailable, InotifyAvailability.reason), arguments: ["", "/"]) func inotifyDeliversWithoutAFullCheck(suffix: String) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 3.0}\n")
        var configuration = SweepReader.Configuration()
        configuration.tailer.fullCheckInterval = 3600
        let r = SweepReader(roots: try LogPaths.resolve([dir.path + suffix]), configuration: configuration)
        try #require(r.tailer.mode == .inotify)
        r.poll(now: 0)
        try dir.append("a.jsonl", "{\"loss\": 2.0}\n")
        // The event wakes a waiter, and the next poll (long before a full check) reads the line.
        let woke = DescriptorWait.readable(r.tailer.waitDescriptors, timeout: 5)
        #expect(!woke.isEmpty)
        r.poll(now: 1)
        #expect(losses(r, "a") == [3.0, 2.0])
    }

    @Test func runSpanningTwoFilesIsReReadWholeWhenOneIsTruncated() throws {
        let dir = try TemporaryDirectory()
        try dir.write("part1.jsonl", "{\"run\": \"x\", \"loss\": 3.0}\n")
        try dir.write("part2.jsonl", "{\"run\": \"x\", \"loss\": 2.0}\n")
        let r = try reader(dir, polling: true)
        r.poll(now: 1)
        #expect(losses(r, "x").sorted() == [2.0, 3.0])
        try dir.write("part2.jsonl", "")
        r.poll(now: 2)
        #expect(losses(r, "x") == [3.0])
        #expect(r.sweep.lineCounts.read == 1)
    }
}
