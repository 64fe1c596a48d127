import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// The TFRecord framing frames records where they lie in the bytes it is given and copies only
/// a record cut by their end; the CSV decoder reads plain cells where they lie. These tests
/// hold both to what the whole-buffer readers gave, on real and corrupted files cut anywhere.
@Suite struct FramingInPlaceTests {
    /// Every record and failure of `bytes` fed in pieces of the given sizes (cycled).
    static func framed(_ bytes: [UInt8], pieces: [Int], maximumLength: Int = 64 << 20) -> [String] {
        var framing = TFRecordFraming(maximumLength: maximumLength)
        var seen: [String] = []
        var start = 0
        var k = 0
        bytes.withUnsafeBytes { all in
            while start < all.count {
                let end = min(all.count, start + pieces[k % pieces.count])
                framing.consume(
                    UnsafeRawBufferPointer(rebasing: all[start..<end]),
                    record: { seen.append("record \($0.count) \(CRC32.ieee.checksum($0))") },
                    failure: { seen.append("failure \($0)") })
                start = end
                k += 1
            }
        }
        seen.append("pending \(framing.pendingCount)")
        return seen
    }

    /// A real tensorboardX file, whole and with a corrupted length, a corrupted payload and an
    /// over-long record spliced in, gives the same records and failures however it is cut.
    @Test func recordsAndFailuresDoNotDependOnWhereTheBytesAreCut() throws {
        let real = try FormatReading.bytes(try FormatReading.sharedFile("tensorboard/n1e07", prefix: "events.out.tfevents."))
        let offsets = FormatReading.tfRecordOffsets(real)
        #expect(offsets.count > 100)
        var corrupted = real
        corrupted[offsets[10] + 3] ^= 0x40  // a length: sliding to the next verified header
        corrupted[offsets[40] + 14] ^= 0x01  // a payload byte: one bad record
        let overlong = BinaryLogBytes.tfRecord([UInt8](repeating: 7, count: 5_000))
        corrupted.insert(contentsOf: overlong, at: offsets[60])
        corrupted.removeLast(9)  // a record cut by the end of the file
        for bytes in [real, corrupted] {
            let whole = Self.framed(bytes, pieces: [bytes.count], maximumLength: 4_096)
            #expect(whole.filter { $0.hasPrefix("record") }.count >= offsets.count - 4)
            for pieces in [[1], [5], [11], [12], [13], [47], [4_096], [3, 700, 1, 12, 9_000]] {
                #expect(Self.framed(bytes, pieces: pieces, maximumLength: 4_096) == whole, "\(pieces)")
            }
        }
        let corruptedWhole = Self.framed(corrupted, pieces: [corrupted.count], maximumLength: 4_096)
        #expect(corruptedWhole.filter { $0 == "failure badChecksum" }.count == 2)
        #expect(corruptedWhole.filter { $0 == "failure tooLong" }.count == 1)
        #expect(corruptedWhole.last != "pending 0")
    }

    /// Plain cells with spaces around them, quoted cells (with commas, doubled quotes and
    /// numbers inside), empty cells and CRLF endings read as the values written.
    @Test func csvCellsReadWhereTheyLieAndQuotedOnesCopied() throws {
        var decoder = CSVRecordDecoder(catalog: KeyCatalog())
        func decode(_ line: String) -> ScanOutcome {
            let bytes = Array(line.utf8)
            return bytes.withUnsafeBytes { decoder.decode($0) }
        }
        #expect(decode(" step , train.loss ,\"run\",tokens\r") == .blank)
        #expect(decode("  12 ,  2.5  ,\"a, \"\"b\"\"\", 2M\r") == .record)
        #expect(decoder.record[.step] == 12)
        #expect(decoder.record[.loss] == 2.5)
        #expect(decoder.record.runName == "a, \"b\"")
        #expect(decoder.record[.tokens] == 2_000_000)
        #expect(decode("13,\" 2.25\",,") == .record)
        #expect(decoder.record[.step] == 13)
        #expect(decoder.record[.loss] == 2.25)
        #expect(decoder.record.runName == nil)
        #expect(decoder.record[.tokens] == nil)
        #expect(decode("14,,run,") == .record)
        #expect(decoder.record[.loss] == nil)
        #expect(decoder.record.runName == "run")
        #expect(decode("15,\"2.0") == .bad(.invalidSyntax))
    }

    /// A cell is a number only when the number ends at its comma (or its trailing spaces):
    /// a number followed by text is read leniently or not at all, and a quoted or last cell
    /// reads the same as a plain one.
    @Test func csvCellsThatOnlyStartWithANumber() throws {
        var decoder = CSVRecordDecoder(catalog: KeyCatalog())
        func decode(_ line: String) -> ScanOutcome {
            let bytes = Array(line.utf8)
            return bytes.withUnsafeBytes { decoder.decode($0) }
        }
        #expect(decode("step,loss,tokens,flops") == .blank)
        #expect(decode("7,2.5x,1.5k,3e") == .record)
        #expect(decoder.record[.step] == 7)
        #expect(decoder.record[.loss] == nil)
        #expect(decoder.record[.tokens] == 1_500)
        #expect(decoder.record[.flops] == nil)
        #expect(decode("8,3.,12 34,-inf") == .record)
        #expect(decoder.record[.loss] == nil)
        #expect(decoder.record[.tokens] == nil)
        #expect(decoder.record[.flops] == -.infinity)
        #expect(decode("9 ,\"2.25\",NaN,1e21") == .record)
        #expect(decoder.record[.step] == 9)
        #expect(decoder.record[.loss] == 2.25)
        #expect(decoder.record[.tokens]?.isNaN == true)
        #expect(decoder.record[.flops] == 1e21)
    }
}
