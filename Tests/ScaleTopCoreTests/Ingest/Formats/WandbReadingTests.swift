import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// W&B run files: the shared wandb 0.31 offline runs, files cut mid-record, corruption.
@Suite struct WandbReadingTests {
    /// Reference values decoded from the fixtures with a few lines of Python `struct` and
    /// `json` code (block framing walked by hand, zlib CRC-32 of type + data checked, `Record`
    /// fields 2 / 17 read by hand), not by scaletop: display name, history rows with
    /// `train/loss`, last `_step`, last loss, and config `n_params`.
    static let reference: [(folder: String, run: String, points: Int, step: Double, loss: Double, params: Double)] = [
        ("offline-run-20261123_174616-53439tvj", "n1e07", 435, 3045, 5.389961813639525, 1e7),
        ("offline-run-20261123_174617-c48wce9p", "n3e07", 416, 9152, 4.282482526055974, 3e7),
        ("offline-run-20261123_174617-4izu485p", "n1e08", 401, 30476, 3.4841263665729802, 1e8),
        ("offline-run-20261123_174617-rne3zpub", "n3e08", 401, 91428, 2.969380403555525, 3e8),
    ]
    /// Logical records in the first fixture (same Python walk).
    static let recordsInFirstFile = 1313

    func fixture(_ i: Int) throws -> URL {
        try FormatReading.sharedFile("wandb-offline/" + Self.reference[i].folder, prefix: "run-")
    }

    @Test func sharedFixturesReadUnderTheirDisplayNames() throws {
        let sweep = try FormatReading.read(SharedData.data("wandb-offline").path)
        #expect(Set(sweep.runs.map(\.name)) == Set(Self.reference.map(\.run)))
        #expect(sweep.lineCounts.bad == 0)
        for ref in Self.reference {
            let run = try #require(sweep.run(named: ref.run))
            #expect(run.curve.count == ref.points, "\(ref.run)")
            let last = try #require(run.last)
            #expect(last.step == ref.step)
            #expect(last.loss == ref.loss)
            #expect(last.tokens == ref.step * 65536)
            #expect(run.meta.params == ref.params)
            #expect(run.meta.tokensPerStep == 65536)
            #expect(run.meta.totalTokens == 20 * ref.params)
        }
    }

    @Test(arguments: [1, 7, 1000, 40000]) func framingInAnyChunkSizeGivesEveryRecord(chunk: Int) throws {
        let bytes = try FormatReading.bytes(try fixture(0))
        var framing = WandbRecordFraming()
        var records = 0
        var failures: [WandbRecordFraming.Failure] = []
        var i = 0
        while i < bytes.count {
            let n = min(chunk, bytes.count - i)
            bytes[i..<(i + n)].withUnsafeBytes { framing.consume($0, record: { _ in records += 1 }, failure: { failures.append($0) }) }
            i += n
        }
        #expect(records == Self.recordsInFirstFile)
        #expect(failures.isEmpty)
    }

    @Test(arguments: [false, true]) func aFileCutMidRecordIsReadUpToItsLastCompleteRecord(polling: Bool) throws {
        let url = try fixture(0)
        let complete = FormatReading.points(try FormatReading.read(url.deletingLastPathComponent().path), "n1e07")
        #expect(complete.count == 435)
        let bytes = try FormatReading.bytes(url)
        // Inside the first block, right at the first block boundary, and late in the file.
        for cut in [20_000, 32_768 + 3, bytes.count - 50] {
            let dir = try TemporaryDirectory()
            let name = "wandb/offline-run-x/run-x.wandb"
            try dir.write(name, bytes: bytes[0..<cut])
            let r = try FormatReading.reader([dir.path], polling: polling)
            r.poll(now: 1)
            let early = FormatReading.points(r.sweep, "n1e07")
            #expect(!early.isEmpty && early.count < complete.count, "cut at \(cut)")
            #expect(FormatReading.same(early, Array(complete.prefix(early.count))), "cut at \(cut)")
            try dir.append(name, bytes: bytes[cut...])
            r.poll(now: 2)
            #expect(FormatReading.same(FormatReading.points(r.sweep, "n1e07"), complete), "cut at \(cut)")
            #expect(r.sweep.lineCounts.bad == 0)
            #expect(r.sweep.runs.count == 1)
        }
    }

    /// Offsets of the physical records of the first block, walked by hand.
    func physicalRecords(_ bytes: [UInt8]) -> [(offset: Int, length: Int)] {
        var out: [(Int, Int)] = []
        var i = 7
        while i + 7 <= 32768 {
            let length = Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8
            out.append((i, length))
            i += 7 + length
        }
        return out
    }

    @Test func aCorruptedByteIsOneBadRecord() throws {
        var bytes = try FormatReading.bytes(try fixture(0))
        let records = physicalRecords(bytes)
        // A history row in the middle of the first block (a FULL record whose data is field 1,
        // a varint, then field 2, `history`): its data is corrupted.
        let target = try #require(records.dropFirst(60).first { record in
            var k = record.offset + 7
            guard bytes[record.offset + 6] == 1, bytes[k] == 0x08 else { return false }
            k += 1
            while bytes[k] & 0x80 != 0 { k += 1 }
            return bytes[k + 1] == 0x12
        })
        bytes[target.offset + 7 + target.length / 2] ^= 0x20
        let dir = try TemporaryDirectory()
        try dir.write("r/run-x.wandb", bytes: bytes)
        let sweep = try FormatReading.read(dir.path)
        #expect(sweep.lineCounts.bad == 1)
        #expect(sweep.sources[0].badByKind[.badChecksum] == 1)
        let run = try #require(sweep.run(named: "n1e07"))
        #expect(run.curve.count == 435 - 1)
        #expect(run.last?.loss == Self.reference[0].loss)
    }

    @Test func aFileWithoutTheHeaderIsOneBadRecord() throws {
        let dir = try TemporaryDirectory()
        try dir.write("r/run-x.wandb", "{\"loss\": 1}\n{\"loss\": 2}\n")
        let sweep = try FormatReading.read(dir.path)
        #expect(sweep.lineCounts.bad == 1)
        #expect(sweep.sources[0].badByKind[.badHeader] == 1)
        #expect(sweep.runs.isEmpty)
    }

    @Test func aFileNamedOtherwiseIsRecognisedByItsHeader() throws {
        let dir = try TemporaryDirectory()
        try dir.write("copy.bin", bytes: try FormatReading.bytes(try fixture(1)))
        #expect(LogFormat.detect(path: dir.file("copy.bin").path) == .wandb)
        let sweep = try FormatReading.read(dir.file("copy.bin").path)
        #expect(sweep.run(named: "n3e07")?.curve.count == 416)
    }
}
