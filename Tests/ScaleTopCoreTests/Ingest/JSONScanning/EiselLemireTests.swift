import Foundation
import Testing
import ScaleTopTestSupport
@testable import ScaleTopCore

/// The Eisel–Lemire conversion must give exactly what the standard library's correctly rounded
/// parser gives, bit for bit, whenever it gives anything; and it must decide nearly always, or
/// the exact fallback would be doing its work. Inputs: random significands of every length with
/// exponents over the whole range, exact halfway cases and their neighbours, subnormals, and
/// the edges of overflow and underflow.
@Suite struct EiselLemireTests {
    /// Checks `w × 10^q` both directly and through `DecimalParser` on its text; counts the
    /// cases within the table's range (`total`) and those among them it decided.
    static func check(_ w: UInt64, _ q: Int, decided: inout Int, total: inout Int) {
        let text = "\(w)e\(q)"
        let reference = Double(text)!
        if q >= EiselLemire.smallestPower, q <= EiselLemire.largestPower { total += 1 }
        if let value = EiselLemire.double(w, q) {
            decided += 1
            #expect(value.bitPattern == reference.bitPattern, "\(text): \(value) vs \(reference)")
        }
        let bytes = Array((text + ",").utf8)
        var parsed = 0.0
        let length = bytes.withUnsafeBufferPointer { DecimalParser.parseNumber($0.baseAddress!, 0, $0.count, value: &parsed) }
        #expect(length == text.utf8.count, "\(text)")
        #expect(parsed.bitPattern == reference.bitPattern, "\(text): parsed \(parsed) vs \(reference)")
    }

    @Test func randomSignificandsOverTheWholeExponentRange() {
        var rng = TestRandom(seed: 17)
        var decided = 0, total = 0
        for n in 0..<60_000 {
            let digits = 1 + Int(rng.next() % 19)
            var w: UInt64 = 1 + rng.next() % 9
            for _ in 1..<digits { w = w * 10 + rng.next() % 10 }
            // Mostly everyday exponents, a third anywhere in (and a little past) the table.
            let q = n % 3 == 0 ? Int(rng.next() % 680) - 360 : Int(rng.next() % 60) - 30
            Self.check(w, q, decided: &decided, total: &total)
        }
        #expect(total > 55_000)
        #expect(decided > total * 99 / 100, "decided \(decided) of \(total)")
    }

    @Test func seventeenToNineteenDigitsAsTrainingLogsWriteThem() {
        var rng = TestRandom(seed: 23)
        var decided = 0, total = 0
        for _ in 0..<40_000 {
            // A random double printed shortest (up to 17 digits), then with 18 and 19 digits.
            let x = Double(bitPattern: rng.next() % 0x7FEF_FFFF_FFFF_FFFF + 1)
            for text in [String(x), String(format: "%.17e", x), String(format: "%.18e", x)] {
                let parts = text.lowercased().split(separator: "e")
                let mantissaText = parts[0].replacingOccurrences(of: ".", with: "")
                let fraction = parts[0].split(separator: ".").dropFirst().first?.count ?? 0
                let exponent = (parts.count > 1 ? Int(parts[1])! : 0) - fraction
                let trimmed = mantissaText.drop { $0 == "0" }
                guard let w = UInt64(trimmed), trimmed.count <= 19, w > 0 else { continue }
                Self.check(w, exponent, decided: &decided, total: &total)
            }
        }
        #expect(total > 100_000)
        #expect(decided > total * 99 / 100, "decided \(decided) of \(total)")
    }

    @Test func exactHalfwayCasesRoundToEven() {
        var rng = TestRandom(seed: 29)
        var decided = 0, total = 0
        var power: UInt64 = 1
        for q in 0...22 {
            // h = 5^q × r, odd, of 54 bits, lies halfway between two doubles; as w × 10^q.
            let low = ((1 as UInt64) << 53 + power - 1) / power, high = ((1 as UInt64) << 54) / power
            for _ in 0..<400 {
                let r = (low + rng.next() % max(1, high - low)) | 1
                guard r < high else { continue }
                for u in 0..<12 {
                    let (w, overflow) = r.multipliedReportingOverflow(by: 1 << UInt64(u))
                    guard !overflow, w < 10_000_000_000_000_000_000 else { break }
                    for neighbour in [w - 1, w, w + 1] { Self.check(neighbour, q, decided: &decided, total: &total) }
                }
            }
            power *= 5
        }
        // Halfway with a fraction: h × 5^k × 2^u × 10^-k.
        for k in 1...4 {
            for _ in 0..<2_000 {
                var h = (1 as UInt64) << 53 + rng.next() % (1 << 53)
                if h % 2 == 0 { h += 1 }
                let (w, overflow) = h.multipliedReportingOverflow(by: [5, 25, 125, 625][k - 1] << UInt64(rng.next() % 3))
                guard !overflow, w < 10_000_000_000_000_000_000 else { continue }
                for neighbour in [w - 1, w, w + 1] { Self.check(neighbour, -k, decided: &decided, total: &total) }
            }
        }
        #expect(total > 20_000)
        #expect(decided > total * 95 / 100, "decided \(decided) of \(total)")
    }

    @Test func subnormalsAndTheEdgesOfTheRange() {
        var decided = 0, total = 0
        let edges: [(UInt64, Int)] = [
            (17_976_931_348_623_157, 292), (17_976_931_348_623_158, 292), (17_976_931_348_623_159, 292),
            (1_797_693_134_862_315_807, 290), (1_797_693_134_862_315_808, 290), (1, 308), (9, 308),
            (22_250_738_585_072_014, -324), (22_250_738_585_072_011, -324), (22_250_738_585_072_009, -324),
            (49, -325), (5, -324), (24_703_282_292_062_327, -340), (24_703_282_292_062_328, -340),
            (2_470_328_229_206_232_720, -342), (1, -342), (9_999_999_999_999_999_999, -342),
            (9_999_999_999_999_999_999, 288), (1, 0), (9_007_199_254_740_993, 0), (9_007_199_254_740_995, 0),
            (18_446_744_073_709_551_615, 0),
        ]
        for (w, q) in edges { Self.check(w, q, decided: &decided, total: &total) }
        var rng = TestRandom(seed: 31)
        for _ in 0..<20_000 {
            let digits = 1 + Int(rng.next() % 19)
            var w: UInt64 = 1 + rng.next() % 9
            for _ in 1..<digits { w = w * 10 + rng.next() % 10 }
            // From below the smallest subnormal to past the largest normal number.
            let q = rng.next() % 2 == 0 ? -343 + Int(rng.next() % 40) - digits : 290 + Int(rng.next() % 20) - digits
            Self.check(w, q, decided: &decided, total: &total)
        }
        #expect(decided > total * 95 / 100, "decided \(decided) of \(total)")
    }

    @Test func theTableHoldsNormalisedPowersOfFive() {
        // 5^0 … 5^27 are exact in 64 bits: the table's high word is 5^q shifted to the top bit.
        var power: UInt64 = 1
        for q in 0...27 {
            let index = (q - EiselLemire.smallestPower) * 2
            #expect(EiselLemire.powersOfFive[index] == power << UInt64(power.leadingZeroBitCount))
            #expect(EiselLemire.powersOfFive[index + 1] == 0)
            if q < 27 { power *= 5 }
        }
        // Every entry has its top bit set.
        for k in stride(from: 0, to: EiselLemire.powersOfFive.count, by: 2) {
            #expect(EiselLemire.powersOfFive[k] >> 63 == 1)
        }
    }
}
