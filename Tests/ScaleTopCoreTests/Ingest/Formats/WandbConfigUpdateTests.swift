import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// A W&B config change written while the run is watched (`wandb.config.update`) is taken like
/// any other line: the run's description and its place on the FLOPs axis move.
@Suite struct WandbConfigUpdateTests {
    /// Protobuf: a length-delimited field.
    static func field(_ number: Int, _ payload: [UInt8]) -> [UInt8] {
        varint(UInt64(number << 3 | 2)) + varint(UInt64(payload.count)) + payload
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var bytes: [UInt8] = []
        repeat {
            bytes.append(UInt8(v & 0x7F) | (v >= 0x80 ? 0x80 : 0))
            v >>= 7
        } while v != 0
        return bytes
    }

    /// `Record { config (5): ConfigRecord { update (1): ConfigItem { key (1), value_json (16) } } }`.
    static func configRecord(key: String, valueJSON: String) -> [UInt8] {
        let item = field(1, Array(key.utf8)) + field(16, Array(valueJSON.utf8))
        return field(5, field(1, item))
    }

    /// `record` framed as LevelDB log records after `existing` bytes of file: FULL when it fits
    /// the block, else FIRST/MIDDLE/LAST; a block tail shorter than a header is zero padding.
    static func framed(_ record: [UInt8], after existing: Int) -> [UInt8] {
        let block = WandbRecordFraming.blockSize
        var out: [UInt8] = []
        var offset = existing
        var rest = record[...]
        var first = true
        while true {
            let room = block - offset % block
            if room < WandbRecordFraming.recordHeaderLength {
                out += [UInt8](repeating: 0, count: room)
                offset += room
                continue
            }
            let take = min(room - WandbRecordFraming.recordHeaderLength, rest.count)
            let last = take == rest.count
            let type: UInt8 = first && last ? 1 : first ? 2 : last ? 4 : 3
            let data = Array(rest.prefix(take))
            let crc = CRC32.ieee.checksum([type] + data)
            out += withUnsafeBytes(of: crc.littleEndian, Array.init) + withUnsafeBytes(of: UInt16(take).littleEndian, Array.init) + [type] + data
            offset += WandbRecordFraming.recordHeaderLength + take
            rest = rest.dropFirst(take)
            first = false
            if last { return out }
        }
    }

    @Test(arguments: [false, true]) func aConfigUpdateWrittenWhileWatchingMovesTheRun(polling: Bool) throws {
        let source = try FormatReading.sharedFile("wandb-offline/" + WandbReadingTests.reference[0].folder, prefix: "run-")
        let bytes = try FormatReading.bytes(source)
        let dir = try TemporaryDirectory()
        let copy = try dir.write("wandb/run-1/run-abc.wandb", bytes: bytes)
        let reader = try FormatReading.reader([dir.path + "/wandb"], polling: polling)
        reader.poll(now: 1)
        let run = WandbReadingTests.reference[0].run
        let before = try #require(reader.sweep.run(named: run))
        #expect(before.meta.params == 1e7)
        let lastBefore = try #require(before.last)

        let handle = try FileHandle(forWritingTo: copy)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.framed(Self.configRecord(key: "n_params", valueJSON: "\"50M\""), after: bytes.count)))
        try handle.close()
        reader.poll(now: 2)
        let after = try #require(reader.sweep.run(named: run))
        #expect(after.meta.params == 5e7)
        #expect(after.curve.count == before.curve.count)
        #expect(after.flops(of: lastBefore) == 6 * 5e7 * (lastBefore.step * 65536))
        // The run's lowest loss ends the envelope (one run), now at the new model size.
        let best = try #require(after.best)
        #expect(reader.sweep.envelope.entries.last?.flops == 6 * 5e7 * (best.step * 65536))
        #expect(reader.sweep.lineCounts.bad == 0)
    }
}
