import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Files that change under the reader, beyond `LogTailerTests`: after every change the run's
/// points must equal what the file holds now (read independently with Foundation), nothing
/// lost and nothing doubled. Each scenario runs with inotify and with the polling fallback;
/// a few run with inotify alone and no full check, so a missed event cannot hide behind the
/// safety net.
@Suite(.tags(.slow)) struct FilesChangingUnderUsTests {
    static let modes = [false, true]

    func reader(_ dir: TemporaryDirectory, polling: Bool, fullChecks: Bool = true) throws -> SweepReader {
        var configuration = SweepReader.Configuration()
        configuration.tailer.forcePolling = polling
        configuration.tailer.pollInterval = fullChecks ? 0 : 3600
        configuration.tailer.fullCheckInterval = fullChecks ? 0 : 3600
        return SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
    }

    func losses(_ reader: SweepReader, _ run: String) -> [Double] {
        reader.sweep.run(named: run)?.curve.loss.map { $0 } ?? []
    }

    /// The losses of the file's complete lines, read independently of scaletop: Foundation
    /// decides which lines are objects, `Double(String)` reads the loss from its text
    /// (Foundation on Linux rounds some decimals wrongly, so its numbers are not the reference).
    func fileLosses(_ url: URL) -> [Double] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        lines.removeLast()  // after the last newline: not a line yet
        return lines.compactMap { line -> Double? in
            guard (try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any] else { return nil }
            let text = String(decoding: line, as: UTF8.self)
            guard let key = text.range(of: "\"loss\": ") else { return nil }
            return Double(text[key.upperBound...].prefix { $0 != "," && $0 != "}" })
        }
    }

    func lines(_ losses: [Double]) -> String {
        losses.enumerated().map { "{\"step\": \($0.offset + 1), \"loss\": \($0.element)}\n" }.joined()
    }

    /// Polls (waiting on the reader's descriptors between polls) until `done` or 10 s pass.
    func pollUntil(_ r: SweepReader, clock: inout Double, _ done: () -> Bool) {
        let deadline = Date().addingTimeInterval(10)
        while true {
            clock += 0.01
            r.poll(now: clock)
            if done() || Date() >= deadline { return }
            DescriptorWait.readable(r.tailer.waitDescriptors, timeout: 0.1)
        }
    }

    @Test(arguments: modes) func growthInRandomPiecesIsReadExactlyOnce(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        var rng = TestRandom(seed: 7)
        let content = Array(lines((1...300).map { 5.0 - Double($0) / 100 }).utf8)
        try dir.write("a.jsonl", "")
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        var written = 0
        var polls = 0
        while written < content.count {
            let n = min(content.count - written, Int(rng.next() % 97) + 1)
            let handle = try FileHandle(forWritingTo: dir.file("a.jsonl"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(content[written..<(written + n)]))
            try handle.close()
            written += n
            polls += 1
            r.poll(now: 1 + Double(polls))
            #expect(losses(r, "a") == fileLosses(dir.file("a.jsonl")))
        }
        #expect(losses(r, "a").count == 300)
        #expect(r.sweep.lineCounts == (300, 0))
    }

    @Test(arguments: modes) func halfLineWrittenByteByByteCountsOnce(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"loss\": 3.0}\n")
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        let line = Array("{\"step\": 2, \"loss\": 2.25}\n".utf8)
        for (k, byte) in line.enumerated() {
            let handle = try FileHandle(forWritingTo: dir.file("a.jsonl"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([byte]))
            try handle.close()
            r.poll(now: 2 + Double(k))
        }
        #expect(losses(r, "a") == [3.0, 2.25])
        #expect(r.sweep.lineCounts == (2, 0))
    }

    @Test(arguments: modes) func copytruncate(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        let url = dir.file("a.jsonl")
        try dir.write("a.jsonl", lines([4.0, 3.5, 3.0]))
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        #expect(losses(r, "a") == [4.0, 3.5, 3.0])
        // logrotate's copytruncate: copy aside, truncate in place; the writer goes on appending.
        try FileManager.default.copyItem(at: url, to: dir.file("a.jsonl.1"))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 0)
        try handle.close()
        try dir.append("a.jsonl", lines([2.9, 2.8]))
        r.poll(now: 2)
        #expect(losses(r, "a") == fileLosses(url))
        #expect(losses(r, "a") == [2.9, 2.8])
        // Truncated again, and more written than there was before before we look.
        try Data().write(to: url)
        try dir.append("a.jsonl", lines([2.7, 2.6, 2.5, 2.4, 2.3, 2.2]))
        r.poll(now: 3)
        #expect(losses(r, "a") == [2.7, 2.6, 2.5, 2.4, 2.3, 2.2])
        #expect(r.sweep.lineCounts.read == 6)
    }

    @Test(arguments: modes) func rewriteToTheSameLengthWithOtherContent(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", lines([4.0, 3.0]))
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        let handle = try FileHandle(forWritingTo: dir.file("a.jsonl"))
        try handle.write(contentsOf: Data(lines([5.0, 1.0]).utf8))
        try handle.close()
        r.poll(now: 2)
        #expect(losses(r, "a") == [5.0, 1.0])
    }

    @Test(arguments: modes) func deletedThenRecreated(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", lines([4.0, 3.0]))
        try dir.write("b.jsonl", lines([6.0]))
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        try FileManager.default.removeItem(at: dir.file("a.jsonl"))
        r.poll(now: 2)
        // Nothing is lost when a log goes away, and the other file is untouched.
        #expect(losses(r, "a") == [4.0, 3.0])
        #expect(losses(r, "b") == [6.0])
        try dir.write("a.jsonl", lines([9.0, 8.0, 7.0]))
        r.poll(now: 3)
        #expect(losses(r, "a") == [9.0, 8.0, 7.0])
        try dir.append("a.jsonl", lines([6.5]))
        r.poll(now: 4)
        #expect(losses(r, "a") == fileLosses(dir.file("a.jsonl")))
        #expect(r.sweep.lineCounts == (5, 0))
    }

    /// Deleted while open, with the writer still appending to its descriptor: what it writes
    /// still reaches the run.
    @Test(arguments: modes) func deletedWhileTheWriterStillAppends(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "")
        let writer = try FileHandle(forWritingTo: dir.file("a.jsonl"))
        defer { try? writer.close() }
        try writer.write(contentsOf: Data(lines([4.0]).utf8))
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        try FileManager.default.removeItem(at: dir.file("a.jsonl"))
        try writer.write(contentsOf: Data("{\"step\": 2, \"loss\": 3.0}\n".utf8))
        r.poll(now: 2)
        #expect(losses(r, "a") == [4.0, 3.0])
        #expect(r.sweep.lineCounts == (2, 0))
        #expect(r.sweep.sources.allSatisfy { $0.error == nil })
    }

    @Test(arguments: modes) func directoryRemovedAndRecreated(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("sub/a.jsonl", lines([4.0, 3.0]))
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        #expect(losses(r, "sub/a") == [4.0, 3.0])
        try FileManager.default.removeItem(at: dir.file("sub"))
        r.poll(now: 2)
        try dir.write("sub/a.jsonl", lines([2.0]))
        r.poll(now: 3)
        #expect(losses(r, "sub/a") == [2.0])
        try dir.append("sub/a.jsonl", lines([1.5]))
        try dir.write("sub/b.jsonl", lines([1.0]))
        r.poll(now: 4)
        #expect(losses(r, "sub/a") == fileLosses(dir.file("sub/a.jsonl")))
        #expect(losses(r, "sub/b") == [1.0])
    }

    @Test(arguments: modes) func thousandNewFilesAtOnce(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        let r = try reader(dir, polling: polling)
        r.poll(now: 1)
        for k in 0..<1000 { try dir.write("r\(k).jsonl", lines([3.0, 2.0 + Double(k) / 1000])) }
        r.poll(now: 2)
        #expect(r.sweep.runs.count == 1000)
        #expect(r.sweep.runs.allSatisfy { $0.curve.loss.count == 2 })
        #expect(r.sweep.lineCounts == (2000, 0))
        #expect(losses(r, "r999") == [3.0, 2.999])
    }

    /// The watch limit (simulated with `maximumWatches`): the tailer falls back to polling,
    /// says so once, and still reads every file, old and new.
    @Test(.enabled(if: InotifyAvailability.isAvailable, InotifyAvailability.reason)) func watchLimitDegradesToPollingWithANotice() throws {
        let dir = try TemporaryDirectory()
        for k in 1...3 { try dir.write("sub\(k)/a.jsonl", lines([4.0])) }
        var configuration = SweepReader.Configuration()
        configuration.tailer.maximumWatches = 2
        configuration.tailer.pollInterval = 0
        configuration.tailer.fullCheckInterval = 3600
        let r = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        try #require(r.tailer.mode == .inotify)
        r.poll(now: 0)
        #expect(r.tailer.mode == .polling(reason: "inotify watch limit reached"))
        #expect(r.notices.filter { $0.contains("watch limit") }.count == 1)
        #expect(r.tailer.waitDescriptors.isEmpty)
        #expect(r.sweep.runs.count == 3)
        try dir.append("sub3/a.jsonl", lines([4.0, 3.0]))
        try dir.write("sub4/b.jsonl", lines([2.0]))
        r.poll(now: 1)
        #expect(losses(r, "sub3/a") == [4.0, 4.0, 3.0])
        #expect(losses(r, "sub4/b") == [2.0])
        r.poll(now: 2)
        #expect(r.notices.filter { $0.contains("watch limit") }.count == 1)
    }

    // MARK: - inotify alone (no full check to fall back on)

    func inotifyReader(_ dir: TemporaryDirectory) throws -> SweepReader? {
        let r = try reader(dir, polling: false, fullChecks: false)
        return r.tailer.mode == .inotify ? r : nil
    }

    @Test(.enabled(if: InotifyAvailability.isAvailable, InotifyAvailability.reason)) func inotifyAloneSeesAThousandNewFiles() throws {
        let dir = try TemporaryDirectory()
        let r = try #require(try inotifyReader(dir), "inotify is available but the reader polls")
        var clock = 0.0
        r.poll(now: clock)
        for k in 0..<1000 { try dir.write("r\(k).jsonl", lines([3.0])) }
        pollUntil(r, clock: &clock) { r.sweep.runs.count == 1000 && r.sweep.lineCounts.read == 1000 }
        #expect(r.sweep.runs.count == 1000)
        #expect(r.sweep.lineCounts == (1000, 0))
    }

    @Test(.enabled(if: InotifyAvailability.isAvailable, InotifyAvailability.reason)) func inotifyAloneFollowsARecreatedDirectory() throws {
        let dir = try TemporaryDirectory()
        try dir.write("sub/a.jsonl", lines([4.0, 3.0]))
        let r = try #require(try inotifyReader(dir), "inotify is available but the reader polls")
        var clock = 0.0
        r.poll(now: clock)
        #expect(losses(r, "sub/a") == [4.0, 3.0])
        try FileManager.default.removeItem(at: dir.file("sub"))
        try dir.write("sub/a.jsonl", lines([2.0]))
        pollUntil(r, clock: &clock) { losses(r, "sub/a") == [2.0] }
        #expect(losses(r, "sub/a") == [2.0])
        // The new directory is watched: an append arrives without a full check.
        try dir.append("sub/a.jsonl", lines([1.5]))
        pollUntil(r, clock: &clock) { losses(r, "sub/a").count == 2 }
        #expect(losses(r, "sub/a") == [2.0, 1.5])
    }

    @Test(.enabled(if: InotifyAvailability.isAvailable, InotifyAvailability.reason)) func inotifyAloneFollowsDeleteAndRecreate() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", lines([4.0, 3.0]))
        let r = try #require(try inotifyReader(dir), "inotify is available but the reader polls")
        var clock = 0.0
        r.poll(now: clock)
        try FileManager.default.removeItem(at: dir.file("a.jsonl"))
        try dir.write("a.jsonl", lines([2.0]))
        pollUntil(r, clock: &clock) { losses(r, "a") == [2.0] }
        #expect(losses(r, "a") == [2.0])
        // logrotate's rename and re-create, with inotify alone.
        try FileManager.default.moveItem(at: dir.file("a.jsonl"), to: dir.file("a.jsonl.1"))
        try dir.write("a.jsonl", lines([1.75, 1.5]))
        pollUntil(r, clock: &clock) { losses(r, "a") == [1.75, 1.5] }
        #expect(losses(r, "a") == [1.75, 1.5])
    }

    @Test(.enabled(if: InotifyAvailability.isAvailable, InotifyAvailability.reason)) func inotifyAloneSeesCopytruncate() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", lines([4.0, 3.0, 2.0]))
        let r = try #require(try inotifyReader(dir), "inotify is available but the reader polls")
        var clock = 0.0
        r.poll(now: clock)
        let handle = try FileHandle(forWritingTo: dir.file("a.jsonl"))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(lines([1.0]).utf8))
        try handle.close()
        pollUntil(r, clock: &clock) { losses(r, "a") == [1.0] }
        #expect(losses(r, "a") == [1.0])
    }
}
