import Foundation
import Testing
import ScaleTopTestSupport
@testable import ScaleTopCore

/// The scanner's fast path (flat objects) must give exactly what the general scanner gives, on
/// every line it accepts, and hand everything else over. Lines come from a typical training log
/// and from seeded random edits of it; numbers from every digit count and exponent form.
@Suite struct FlatObjectPathTests {
    static let typical: [String] = [
        #"{"step": 1, "tokens": 524288, "loss": 13.601150318124612, "lr": 1.0072976716893732e-05, "grad_norm": 0.9007606806068835, "tokens_per_sec": 105829, "epoch": 0, "time": 1795400001.25}"#,
        #"{"run": "run0", "params": 10000000.0, "tokens_per_step": 524288}"#,
        #"{"loss":2.5,"step":3}"#,
        #"{ "train/loss" : -0.0 , "_step": 7 , "flag": true, "note": "a\"b", "x": null, "y": NaN, "z": -Infinity }"#,
        #"{"non_embedding_params": 3.5e8, "total_flops_budget": 1e21, "loss": Infinity, "val_loss": 2}"#,
        #"{"loss": 1, "loss": null, "train_loss": 4}"#,
        #"{"run": 5, "run": "b", "run": "c", "iter": 12}"#,
        #"{}"#,
        "  {\"loss\": 3}\r",
        #"{"a.b": 1, "loss": 2}"#,
        #"{"loss": "2.5", "step": 1}"#,
        #"{"train": {"loss": 3}, "step": 1}"#,
    ]

    static func records(_ line: [UInt8]) -> (fast: ScannedRecord?, general: ScanOutcome, generalRecord: ScannedRecord) {
        var fast = LineScanner()
        var general = LineScanner()
        let accepted = line.withUnsafeBufferPointer { buffer -> Bool in
            fast.record.reset()
            return fast.scanFlatObject(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: buffer.count)
        }
        let outcome = line.withUnsafeBufferPointer { buffer -> ScanOutcome in
            general.record.reset()
            guard let base = buffer.baseAddress else { return .blank }
            return general.scanGeneral(base, count: buffer.count)
        }
        return (accepted ? fast.record : nil, outcome, general.record)
    }

    static func same(_ a: ScannedRecord, _ b: ScannedRecord) -> Bool {
        guard a.runName == b.runName else { return false }
        for field in LogField.allCases {
            switch (a[field], b[field]) {
            case (nil, nil): continue
            case let (x?, y?) where x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN): continue
            default: return false
            }
        }
        return true
    }

    @Test func theFastPathAgreesWithTheGeneralScannerOnTypicalLines() {
        var accepted = 0
        for text in Self.typical {
            let (fast, outcome, general) = Self.records(Array(text.utf8))
            if let fast {
                accepted += 1
                #expect(outcome == .record, "\(text)")
                #expect(Self.same(fast, general), "\(text)")
            }
        }
        // Nesting, a dotted key, a numeric string, a later null withdrawing a value already read
        // (the record keeps only winners; the general scanner keeps every alias): handed over;
        // the rest taken.
        #expect(accepted == Self.typical.count - 4)
    }

    @Test func theFastPathAgreesWithTheGeneralScannerOnEditedLines() {
        var rng = TestRandom(seed: 11)
        let pieces = ["{", "}", ",", ":", "\"", "\\", " ", ".", "-", "e", "0", "9", "NaN", "true", "[", "\t", "\u{1}", "é"]
        var accepted = 0, rejectedRecords = 0, compared = 0
        for n in 0..<40_000 {
            var line = Array(Self.typical[n % 7].utf8)
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let at = Int(rng.next() % UInt64(line.count + 1))
                switch rng.next() % 4 {
                case 0 where at < line.count: line.remove(at: at)
                case 1 where at < line.count: line[at] = UInt8(truncatingIfNeeded: rng.next())
                default: line.insert(contentsOf: Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8), at: at)
                }
            }
            // A cut line, as a writer leaves it mid-write.
            if n % 5 == 0 { line = Array(line.prefix(Int(rng.next() % UInt64(line.count + 1)))) }
            let (fast, outcome, general) = Self.records(line)
            if let fast {
                accepted += 1
                compared += 1
                #expect(outcome == .record, "\(String(decoding: line, as: UTF8.self))")
                #expect(Self.same(fast, general), "\(String(decoding: line, as: UTF8.self))")
            } else if outcome == .record {
                rejectedRecords += 1
            }
        }
        // Both outcomes occur, so the comparison covers the edge the fast path decides.
        #expect(accepted > 5_000)
        #expect(rejectedRecords > 100)
        #expect(compared == accepted)
    }

    @Test func numbersAreParsedExactlyInOnePass() {
        var rng = TestRandom(seed: 5)
        var texts = ["0", "-0", "0.0", "1e5", "1E+5", "1e-5", "123456789012345678", "1234567890123456789",
                     "12345678901234567890123", "0.000000000000000000000123", "9007199254740993",
                     "2.2250738585072014e-308", "1.7976931348623157e308", "4.9e-324", "13.601150318124612",
                     "1795400001.25", "0.1", "100000000", "99999999.99999999"]
        for _ in 0..<20_000 {
            let digits = 1 + Int(rng.next() % 24)
            var text = rng.next() % 4 == 0 ? "-" : ""
            text += String(1 + rng.next() % 9)
            for _ in 1..<digits { text += String(rng.next() % 10) }
            if rng.next() % 2 == 0 {
                let point = 1 + Int(rng.next() % UInt64(text.count))
                let index = text.index(text.startIndex, offsetBy: min(point, text.count))
                if index != text.endIndex, text[text.index(before: index)] != "-" { text.insert(".", at: index) }
            }
            if rng.next() % 3 == 0 { text += "e" + String(Int(rng.next() % 80) - 40) }
            texts.append(text)
        }
        for text in texts {
            let bytes = Array((text + ",").utf8)
            var value = 0.0
            let length = bytes.withUnsafeBufferPointer { DecimalParser.scan($0.baseAddress!, 0, $0.count, parse: true, value: &value) }
            var skipped = 0.0
            let skipLength = bytes.withUnsafeBufferPointer { DecimalParser.scan($0.baseAddress!, 0, $0.count, parse: false, value: &skipped) }
            #expect(length == text.utf8.count, "\(text)")
            #expect(skipLength == length, "\(text)")
            #expect(value.bitPattern == Double(text)!.bitPattern, "\(text): \(value) vs \(Double(text)!)")
        }
    }

    @Test func malformedNumbersAreNotNumbers() {
        for text in ["-", "01", ".5", "1.", "1e", "1e+", "--1", "+1", "1.e5", "0x10"] {
            let bytes = Array((text + ",").utf8)
            var value = 0.0
            let length = bytes.withUnsafeBufferPointer { DecimalParser.scan($0.baseAddress!, 0, $0.count, parse: true, value: &value) }
            let reference = bytes.withUnsafeBufferPointer { DecimalParser.matchNumber($0.baseAddress!, 0, $0.count) }
            #expect(length == (reference ?? 0), "\(text)")
            #expect(length < text.utf8.count, "\(text)")
        }
    }

    @Test func eightDigitsAtATimeMatchTheDigitsOneByOne() {
        var rng = TestRandom(seed: 3)
        for _ in 0..<10_000 {
            var bytes = (0..<8).map { _ in UInt8(48 + rng.next() % 10) }
            let cut = Int(rng.next() % 9)
            if cut < 8 { bytes[cut] = [UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "e"), 0x2F, 0x3A, 0xFF][Int(rng.next() % 6)] }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let count = DecimalParser.leadingDigitCount(UInt64(littleEndian: word))
            #expect(count == (bytes.firstIndex { $0 < 48 || $0 > 57 } ?? 8))
            let digits = (UInt64(littleEndian: word) &- 0x3030_3030_3030_3030) << UInt64((8 - count) * 8)
            let expected = bytes.prefix(count).reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 48) }
            #expect(count == 0 || DecimalParser.eightDigitsValue(digits) == expected)
        }
    }

    /// One scanner reads line after line, so its key cache holds the keys of the line before;
    /// every line must still read exactly as a fresh scanner reads it. The lines mix the typical
    /// ones with edits of them, keys that share a prefix with a cached one, and keys swapped
    /// between positions.
    @Test func aScannerThatReadLinesBeforeReadsEachLineAsAFreshOneDoes() {
        var rng = TestRandom(seed: 13)
        var warm = LineScanner()
        let variants = [
            #"{"step": 2, "tokens": 7, "loss": 1.5, "lr": 0.1, "grad_norm": 2, "tokens_per_sec": 3, "epoch": 0, "time": 4.5}"#,
            #"{"steps": 2, "token": 7, "loss_": 1.5, "l": 0.1, "grad_norms": 2, "tokens_per_step": 3, "epoch": 0, "times": 4.5}"#,
            #"{"tokens": 7, "step": 2, "lr": 0.1, "loss": 1.5, "time": 4.5, "epoch": 0, "grad_norm": 2, "tokens_per_sec": 3}"#,
            #"{"step": 2, "train_loss": 1.5, "loss": 2.5, "val_loss": 3.5, "run": "a", "time": null}"#,
            #"{"step": 2, "tokens": 7, "loss": 1.5, "lr": 0.1, "grad_norm": 2, "tokens_per_sec": 3, "epoch": 0, "time": 4.5, "x": 1, "y": 2, "z": 3, "w": 4, "v": 5, "u": 6, "t": 7, "s": 8, "loss": 9}"#,
        ]
        var compared = 0
        for n in 0..<20_000 {
            var line: [UInt8]
            switch n % 4 {
            case 0: line = Array(Self.typical[Int(rng.next() % UInt64(Self.typical.count))].utf8)
            case 1: line = Array(variants[Int(rng.next() % UInt64(variants.count))].utf8)
            default:
                line = Array(variants[Int(rng.next() % UInt64(variants.count))].utf8)
                let at = Int(rng.next() % UInt64(line.count))
                switch rng.next() % 3 {
                case 0: line.remove(at: at)
                case 1: line[at] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "."), UInt8(ascii: "s"), 0x01][Int(rng.next() % 5)]
                default: line.insert(UInt8(ascii: "_"), at: at)
                }
            }
            var fresh = LineScanner()
            let expected = line.withUnsafeBytes { fresh.scan($0) }
            let got = line.withUnsafeBytes { warm.scan($0) }
            #expect(got == expected, "\(String(decoding: line, as: UTF8.self))")
            if got == .record, expected == .record {
                compared += 1
                #expect(Self.same(warm.record, fresh.record), "\(String(decoding: line, as: UTF8.self))")
            }
        }
        #expect(compared > 5_000)
    }

    @Test func theRecordHasRoomForEveryField() {
        #expect(LogField.count <= ScannedRecord.capacity)
        var record = ScannedRecord()
        for field in LogField.allCases { record.set(field, Double(field.rawValue) + 0.5) }
        for field in LogField.allCases { #expect(record[field] == Double(field.rawValue) + 0.5) }
        #expect(record.presentFields == (1 << UInt32(LogField.count)) - 1)
    }
}
