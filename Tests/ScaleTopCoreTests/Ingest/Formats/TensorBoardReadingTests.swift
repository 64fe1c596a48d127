import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// TensorBoard event files: the shared tensorboardX fixtures, files cut mid-record, corruption.
@Suite struct TensorBoardReadingTests {
    /// Reference values decoded from the fixtures with a few lines of Python `struct` code
    /// (TFRecord lengths, both CRCs checked, `Event`/`Summary` fields read by hand), not by
    /// scaletop: points per run (steps holding `train/loss`), last step, last loss (float32),
    /// last tokens and the `params` text summary.
    static let reference: [(run: String, points: Int, step: Double, loss: Float, tokens: Double, params: Double)] = [
        ("n1e07", 305, 3050, 5.354005813598633, 199_884_800, 1e7),
        ("n3e07", 305, 9150, 4.276475429534912, 599_654_400, 3e7),
        ("n1e08", 302, 30502, 3.4879086017608643, 1_998_979_072, 1e8),
    ]

    @Test func sharedFixturesReadAsOneRunPerFolder() throws {
        let sweep = try FormatReading.read(SharedData.data("tensorboard").path)
        #expect(Set(sweep.runs.map(\.name)) == Set(Self.reference.map(\.run)))
        #expect(sweep.lineCounts.bad == 0)
        for ref in Self.reference {
            let run = try #require(sweep.run(named: ref.run))
            #expect(run.curve.count == ref.points, "\(ref.run)")
            let last = try #require(run.last)
            #expect(last.step == ref.step)
            #expect(last.loss == Double(ref.loss))
            #expect(last.tokens == ref.tokens)
            #expect(last.time > 1.7e9)
            #expect(run.meta.params == ref.params)
            #expect(run.flops(of: last) == 6 * ref.params * ref.tokens)
        }
    }

    @Test func recordCountMatchesAnIndependentWalk() throws {
        let url = try FormatReading.sharedFile("tensorboard/n1e07", prefix: "events.out.tfevents.")
        let bytes = try FormatReading.bytes(url)
        let offsets = FormatReading.tfRecordOffsets(bytes)
        var framing = TFRecordFraming()
        var records = 0
        var failures = 0
        // Fed in awkward chunks: every record boundary falls inside some chunk.
        var i = 0
        while i < bytes.count {
            let n = min(97, bytes.count - i)
            bytes[i..<(i + n)].withUnsafeBytes { framing.consume($0, record: { _ in records += 1 }, failure: { _ in failures += 1 }) }
            i += n
        }
        #expect(records == offsets.count)
        #expect(failures == 0)
        #expect(framing.pendingCount == 0)
    }

    func copyFixture(into dir: TemporaryDirectory, cut: Int) throws -> (name: String, bytes: [UInt8]) {
        let url = try FormatReading.sharedFile("tensorboard/n1e07", prefix: "events.out.tfevents.")
        let bytes = try FormatReading.bytes(url)
        let name = "run/events.out.tfevents.1700000000.test"
        try dir.write(name, bytes: bytes[0..<cut])
        return (name, bytes)
    }

    @Test(arguments: [false, true]) func aFileCutMidRecordIsReadUpToItsLastCompleteRecord(polling: Bool) throws {
        let complete = FormatReading.points(try FormatReading.read(SharedData.data("tensorboard/n1e07").path), "n1e07")
        #expect(complete.count == 305)
        let offsets = FormatReading.tfRecordOffsets(try FormatReading.bytes(
            try FormatReading.sharedFile("tensorboard/n1e07", prefix: "events.out.tfevents.")))
        // Inside a header, inside a payload, inside the trailing CRC.
        for cut in [offsets[101] + 5, offsets[200] + 20, offsets[301] - 2] {
            let dir = try TemporaryDirectory()
            let (name, bytes) = try copyFixture(into: dir, cut: cut)
            let r = try FormatReading.reader([dir.path], polling: polling)
            r.poll(now: 1)
            let early = FormatReading.points(r.sweep, "run")
            #expect(!early.isEmpty && early.count < complete.count)
            #expect(FormatReading.same(early, Array(complete.prefix(early.count))), "cut at \(cut)")
            #expect(r.sweep.lineCounts.bad == 0)
            try dir.append(name, bytes: bytes[cut...])
            r.poll(now: 2)
            #expect(FormatReading.same(FormatReading.points(r.sweep, "run"), complete), "cut at \(cut)")
            #expect(r.sweep.lineCounts.bad == 0)
            #expect(r.sweep.run(named: "run")?.meta.params == 1e7)
        }
    }

    @Test func aCorruptedPayloadByteIsOneBadRecord() throws {
        let dir = try TemporaryDirectory()
        let (name, original) = try copyFixture(into: dir, cut: 0)
        var bytes = original
        let offsets = FormatReading.tfRecordOffsets(bytes)
        // Record 2 + 2k is the `train/loss` event of the k-th step.
        bytes[offsets[100] + 20] ^= 0x40
        try dir.write(name, bytes: bytes)
        let sweep = try FormatReading.read(dir.path)
        #expect(sweep.lineCounts.bad == 1)
        #expect(sweep.sources[0].badByKind[.badChecksum] == 1)
        #expect(sweep.run(named: "run")?.curve.count == 304)
    }

    @Test func aCorruptedLengthIsOneBadRecordAndReadingResynchronises() throws {
        let dir = try TemporaryDirectory()
        let (name, original) = try copyFixture(into: dir, cut: 0)
        var bytes = original
        let offsets = FormatReading.tfRecordOffsets(bytes)
        bytes[offsets[100] + 1] ^= 0x01
        try dir.write(name, bytes: bytes)
        let sweep = try FormatReading.read(dir.path)
        #expect(sweep.lineCounts.bad == 1)
        #expect(sweep.run(named: "run")?.curve.count == 304)
        #expect(sweep.run(named: "run")?.last?.step == 3050)
    }

    @Test func tagsGoThroughTheLossKey() throws {
        let r = try FormatReading.reader([SharedData.data("tensorboard/n1e07").path], lossKey: "train/tokens", oneShot: true)
        r.poll(now: 1)
        let run = try #require(r.sweep.run(named: "n1e07"))
        #expect(run.last?.loss == 199_884_800)
    }

    @Test func mixedWithJSONLInOneFolder() throws {
        let dir = try TemporaryDirectory()
        let url = try FormatReading.sharedFile("tensorboard/n3e07", prefix: "events.out.tfevents.")
        try dir.write("tb/" + url.lastPathComponent, bytes: try FormatReading.bytes(url))
        try dir.write("tb/extra.jsonl", "{\"step\": 1, \"loss\": 9.5}\n")
        try dir.write("a.jsonl", "{\"step\": 1, \"loss\": 3.0}\n")
        let sweep = try FormatReading.read(dir.path)
        #expect(Set(sweep.runs.map(\.name)) == ["a", "tb", "tb/extra"])
        #expect(sweep.run(named: "tb")?.curve.count == 305)
    }
}
