import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Character devices, FIFOs and sockets among the logs: skipped on every path that opens a file
/// it found (walking, a glob, re-opening a replaced file), and said so in the file's error.
@Suite struct SpecialFilesTests {
    func reader(_ paths: [String], polling: Bool) throws -> SweepReader {
        var configuration = SweepReader.Configuration()
        configuration.tailer.forcePolling = polling
        configuration.tailer.pollInterval = 0
        configuration.tailer.fullCheckInterval = 0
        return SweepReader(roots: try LogPaths.resolve(paths), configuration: configuration)
    }

    func error(_ r: SweepReader, _ suffix: String) -> String? {
        r.sweep.sources.first { $0.path.hasSuffix(suffix) }?.error
    }

    /// A followed log replaced by a link to /dev/zero: nothing is read from the device (it
    /// never ends), the old content is void, and the file says why.
    @Test(arguments: [false, true]) func aLogReplacedByALinkToDevZeroIsSkipped(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"step\": 1, \"loss\": 3.0}\n{\"step\": 2, \"loss\": 2.5}\n")
        let r = try reader([dir.path], polling: polling)
        r.poll(now: 1)
        #expect(r.sweep.run(named: "a")?.curve.count == 2)
        try FileManager.default.removeItem(at: dir.file("a.jsonl"))
        #expect(symlink("/dev/zero", dir.file("a.jsonl").path) == 0)
        for k in 2...6 { r.poll(now: Double(k)) }
        #expect(r.sweep.lineCounts.bad == 0)
        #expect(r.sweep.lineCounts.read == 0)
        #expect((r.sweep.run(named: "a")?.curve.count ?? 0) == 0)
        #expect(error(r, "/a.jsonl") == "skipped: a character device, not a regular file")
        // A regular file back under the name is read again from its start.
        try FileManager.default.removeItem(at: dir.file("a.jsonl"))
        try dir.write("a.jsonl", "{\"step\": 1, \"loss\": 4.0}\n")
        for k in 7...8 { r.poll(now: Double(k)) }
        #expect(r.sweep.run(named: "a")?.curve.loss.map { $0 } == [4.0])
        #expect(error(r, "/a.jsonl") == nil)
    }

    @Test func devicesAndFIFOsInADirectoryOrAGlobAreListedAsSkipped() throws {
        let dir = try TemporaryDirectory()
        try dir.write("ok.jsonl", "{\"step\": 1, \"loss\": 3.0}\n")
        #expect(symlink("/dev/zero", dir.file("zero.jsonl").path) == 0)
        #expect(mkfifo(dir.file("pipe.jsonl").path, 0o644) == 0)
        for paths in [[dir.path], [dir.path + "/*.jsonl"]] {
            let r = try reader(paths, polling: true)
            r.poll(now: 1)
            r.poll(now: 2)
            #expect(error(r, "/zero.jsonl") == "skipped: a character device, not a regular file", "\(paths)")
            #expect(error(r, "/pipe.jsonl") == "skipped: a FIFO, not a regular file", "\(paths)")
            #expect(r.sweep.run(named: "ok")?.curve.count == 1)
            #expect(r.sweep.lineCounts.bad == 0)
        }
    }
}
