/// Parses JSON-grammar decimal numbers from bytes, independently of the C locale.
///
/// The fast path is exact: up to 19 significant digits fit a UInt64, and when the digits fit in
/// 53 bits and the decimal exponent is at most 22 in size, one multiplication or division by an
/// exactly representable power of ten rounds correctly (Clinger 1990). Everything else goes to the
/// standard library's parser, which is correctly rounded and uses the C locale whatever the
/// process locale is.
public enum DecimalParser {
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `bytes[start..<end]`, which must already match the JSON number grammar
    /// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    @inline(__always)
    public static func parseValidated(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        var i = start
        var negative = false
        if base[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        // Integer part.
        while i < end, base[i] &- 48 < 10 {
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48)
                if mantissa != 0 { digits += 1 }
            } else {
                exponent += 1
                digits += 1
            }
            i += 1
        }
        if i < end, base[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, base[i] &- 48 < 10 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                } else {
                    digits += 1
                }
                i += 1
            }
        }
        if i < end, base[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if base[i] == UInt8(ascii: "-") { expNegative = true; i += 1 } else if base[i] == UInt8(ascii: "+") { i += 1 }
            var e = 0
            while i < end, base[i] &- 48 < 10 {
                if e < 100_000 { e = e * 10 + Int(base[i] &- 48) }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        if digits <= 19, mantissa <= 1 << 53 {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            if exponent >= -22, exponent <= 22 {
                var value = Double(mantissa)
                if exponent >= 0 { value *= exactPowersOfTen[exponent] } else { value /= exactPowersOfTen[-exponent] }
                return negative ? -value : value
            }
        }
        #if arch(x86_64) && os(Linux)
        // Up to 19 digits times an exact power of ten, rounded once in the 64-bit significand
        // of Float80, then to Double: right unless the 11 dropped bits sit next to a halfway
        // point, where double rounding could differ (those few go to the exact path).
        if digits <= 19, exponent >= -27, exponent <= 27, mantissa != 0 {
            let power = Self.float80PowersOfTen[exponent < 0 ? -exponent : exponent]
            let wide = exponent >= 0 ? Float80(mantissa) * power : Float80(mantissa) / power
            let dropped = wide.significandBitPattern & 0x7FF
            if dropped < 0x3FF || dropped > 0x401 {
                let value = Double(wide)
                return negative ? -value : value
            }
        }
        #endif
        return slowPath(base, start, end)
    }

    #if arch(x86_64) && os(Linux)
    /// 10^0 … 10^27, all exact in Float80 (5^27 < 2^64).
    private static let float80PowersOfTen: [Float80] = {
        var powers: [Float80] = [1]
        for _ in 1...27 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()
    #endif

    private static func slowPath(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        return Double(text) ?? .nan
    }

    /// Length of the JSON number that starts at `start`, or nil when the bytes there are not one.
    @inline(__always)
    public static func matchNumber(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start
        if i < end, base[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { return nil }
        if base[i] == UInt8(ascii: "0") {
            i += 1
        } else if base[i] &- 49 < 9 {
            i += 1
            while i < end, base[i] &- 48 < 10 { i += 1 }
        } else {
            return nil
        }
        if i < end, base[i] == UInt8(ascii: ".") {
            i += 1
            let first = i
            while i < end, base[i] &- 48 < 10 { i += 1 }
            if i == first { return nil }
        }
        if i < end, base[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i += 1 }
            let first = i
            while i < end, base[i] &- 48 < 10 { i += 1 }
            if i == first { return nil }
        }
        return i - start
    }

    /// Parses a numeric string's content (`"3.2e-4"`, `"NaN"`, `"inf"`, `" 12 "`), or nil.
    public static func parseNumericText(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var s = start
        var e = end
        while s < e, base[s] == 0x20 || base[s] == 0x09 { s += 1 }
        while e > s, base[e - 1] == 0x20 || base[e - 1] == 0x09 { e -= 1 }
        guard s < e else { return nil }
        if let length = matchNumber(base, s, e), s + length == e {
            return parseValidated(base, s, e)
        }
        // Lenient forms of the non-finite values, as Python, NumPy and C print them.
        var sign = 1.0
        var t = s
        if base[t] == UInt8(ascii: "-") { sign = -1; t += 1 } else if base[t] == UInt8(ascii: "+") { t += 1 }
        let word = lowercasedASCII(base, t, e)
        switch word {
        case "nan": return .nan
        case "inf", "infinity": return sign * .infinity
        default: return nil
        }
    }

    private static func lowercasedASCII(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        guard end - start <= 8 else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        for i in start..<end { bytes.append(base[i] | (base[i] &- 65 < 26 ? 0x20 : 0)) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
