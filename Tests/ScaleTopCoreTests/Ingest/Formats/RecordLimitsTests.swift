import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// Lengths read from binary logs that no logger writes: near 2^64, or records that never end.
/// Each is one bad record of its kind, memory stays bounded, and reading goes on.
@Suite struct RecordLimitsTests {
    static let payload: [UInt8] = Array("a verified payload".utf8)

    /// A good record, then a header whose CRC verifies but whose length is `length`, then the
    /// first bytes of what it claims.
    @Test(arguments: [UInt64.max, UInt64.max - 15, 1 << 63, (1 << 63) - 1, (1 << 32) + 5] as [UInt64])
    func aTFRecordLengthNearTwoToThe64IsOneOverlongRecord(length: UInt64) {
        let bytes = BinaryLogBytes.tfRecord(Self.payload) + BinaryLogBytes.tfRecordHeader(length: length)
            + [UInt8](repeating: 0x41, count: 100)
        for chunk in [1, 13, bytes.count] {
            var framing = TFRecordFraming(maximumLength: 1 << 20)
            var records: [[UInt8]] = []
            var failures: [TFRecordFraming.Failure] = []
            var i = 0
            while i < bytes.count {
                let n = min(chunk, bytes.count - i)
                bytes[i..<(i + n)].withUnsafeBytes { framing.consume($0, record: { records.append(Array($0)) }, failure: { failures.append($0) }) }
                i += n
            }
            #expect(records == [Self.payload], "chunk \(chunk)")
            #expect(failures == [.tooLong], "chunk \(chunk)")
            // Nothing of the over-long record is kept.
            #expect(framing.pendingCount == 0, "chunk \(chunk)")
        }
    }

    /// FIRST, then MIDDLE fragments far past the limit, then LAST, then a FULL record.
    @Test func anEndlessWandbRecordIsCappedAndCountedOnce() {
        let limit = 256 << 10
        var log = WandbLogBytes()
        log.append(type: 2, [UInt8](repeating: 0x11, count: log.roomInBlock)[...])
        while log.bytes.count < 8 * limit {
            log.append(type: 3, [UInt8](repeating: 0x22, count: max(1, log.roomInBlock))[...])
        }
        log.append(type: 4, [0x33][...])
        log.appendRecord(Self.payload)
        var framing = WandbRecordFraming(maximumLength: limit)
        var records: [[UInt8]] = []
        var failures: [WandbRecordFraming.Failure] = []
        var mostPending = 0
        var i = 0
        while i < log.bytes.count {
            let n = min(4096, log.bytes.count - i)
            log.bytes[i..<(i + n)].withUnsafeBytes { framing.consume($0, record: { records.append(Array($0)) }, failure: { failures.append($0) }) }
            mostPending = max(mostPending, framing.pendingCount)
            i += n
        }
        #expect(failures == [.tooLong])
        #expect(records == [Self.payload])
        // The record so far, plus at most a block's physical record and the chunk waiting.
        #expect(mostPending <= limit + 32 * 1024 + 4096)
    }

    @Test func aWandbRecordJustUnderTheLimitIsKept() {
        let limit = 256 << 10
        let record = (0..<limit).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var log = WandbLogBytes()
        log.appendRecord(record)
        var framing = WandbRecordFraming(maximumLength: limit)
        var records: [[UInt8]] = []
        var failures: [WandbRecordFraming.Failure] = []
        log.bytes.withUnsafeBytes { framing.consume($0, record: { records.append(Array($0)) }, failure: { failures.append($0) }) }
        #expect(failures.isEmpty)
        #expect(records == [record])
    }

    /// Through the reader: each over-long record counts as one bad record of its kind.
    @Test func overlongRecordsAreCountedByKind() throws {
        let dir = try TemporaryDirectory()
        var log = WandbLogBytes()
        log.appendRecord([UInt8](repeating: 0x5A, count: 3 << 20))
        try dir.write("w/run-x.wandb", bytes: log.bytes)
        try dir.write("t/events.out.tfevents.1", bytes: BinaryLogBytes.tfRecordHeader(length: .max) + [1, 2, 3])
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        configuration.tailer.maximumRecordLength = 1 << 20
        let reader = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        reader.poll(now: 1)
        let kinds = Dictionary(uniqueKeysWithValues: reader.sweep.sources.map { ($0.path.split(separator: "/").dropLast().last.map(String.init) ?? "", $0.badByKind) })
        #expect(kinds["w"] == [.recordTooLong: 1])
        #expect(kinds["t"] == [.recordTooLong: 1])
    }

    /// A CSV cell is held within its line, and a line over the limit is skipped whole (a
    /// quoted cell that never closes cannot grow past it), with the rows after it read.
    @Test func anOverlongCSVCellIsOneOverlongLine() throws {
        let dir = try TemporaryDirectory()
        let cell = "\"" + String(repeating: "x", count: 64 << 10)
        try dir.write("r/metrics.csv", "step,loss\n1,3.0\n2,\(cell)\n3,2.0\n")
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        configuration.tailer.maximumLineLength = 4096
        let r = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        r.poll(now: 1)
        #expect(r.sweep.sources[0].badByKind == [.tooLong: 1])
        #expect(r.sweep.run(named: "r")?.curve.loss.map { $0 } == [3.0, 2.0])
    }
}
