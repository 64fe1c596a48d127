import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Log files whose names are not UTF-8 (Linux allows any bytes): read, followed, and shown
/// with the odd bytes escaped (`r\xff`).
@Suite struct NonUTF8NamesTests {
    /// Appends `text` to the file at `dir` + `name` (raw bytes), creating it.
    func append(_ dir: TemporaryDirectory, _ name: [UInt8], _ text: String) throws {
        let path = Array(dir.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_APPEND, 0o644) }
        }
        #expect(fd >= 0)
        defer { close(fd) }
        let bytes = Array(text.utf8)
        #expect(write(fd, bytes, bytes.count) == bytes.count)
    }

    @Test(arguments: [false, true]) func aNameThatIsNotUTF8IsReadAndFollowed(polling: Bool) throws {
        let dir = try TemporaryDirectory()
        let name: [UInt8] = [UInt8(ascii: "r"), 0xFF, UInt8(ascii: "-"), 0xC3, 0xA9] + Array(".jsonl".utf8)
        try append(dir, name, "{\"step\": 1, \"loss\": 3.0}\n")
        // A folder whose name is not UTF-8 either.
        let folder = Array(dir.path.utf8) + Array("/sub\u{E9}".utf8) + [0xFE, 0]
        #expect(folder.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) } } == 0)
        try append(dir, Array("sub\u{E9}".utf8) + [0xFE] + Array("/ok.jsonl".utf8), "{\"step\": 1, \"loss\": 4.0}\n")
        var configuration = SweepReader.Configuration()
        configuration.tailer.forcePolling = polling
        configuration.tailer.pollInterval = 0
        configuration.tailer.fullCheckInterval = polling ? 0 : 3600
        let r = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        r.poll(now: 1)
        let run = try #require(r.sweep.run(named: "r\\xff-\u{E9}"), "\(r.sweep.runs.map(\.name))")
        #expect(run.curve.count == 1)
        #expect(r.sweep.run(named: "sub\u{E9}\\xfe/ok")?.curve.count == 1, "\(r.sweep.runs.map(\.name))")
        #expect(r.sweep.sources.allSatisfy { $0.error == nil })
        try append(dir, name, "{\"step\": 2, \"loss\": 2.0}\n")
        var clock = 1.0
        let deadline = Date().addingTimeInterval(10)
        while r.sweep.run(named: "r\\xff-\u{E9}")?.curve.count != 2 && Date() < deadline {
            clock += 0.01
            DescriptorWait.readable(r.tailer.waitDescriptors, timeout: 0.1)
            r.poll(now: clock)
        }
        #expect(r.sweep.run(named: "r\\xff-\u{E9}")?.curve.loss.map { $0 } == [3.0, 2.0])
    }

    @Test func escapingKeepsValidUTF8AndMarksEachOtherByte() {
        #expect(RawPaths.text(of: Array("plain-é.jsonl".utf8)) == ("plain-é.jsonl", true))
        #expect(RawPaths.text(of: [0x61, 0xFF, 0xC3, 0xA9, 0xC3, 0x62]) == ("a\\xffé\\xc3b", false))
    }
}
