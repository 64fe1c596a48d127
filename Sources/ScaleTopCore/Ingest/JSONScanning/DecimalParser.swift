/// Parses JSON-grammar decimal numbers from bytes, independently of the C locale.
///
/// Every path is exact: up to 19 significant digits fit a UInt64, and when the digits fit in
/// 53 bits and the decimal exponent is at most 22 in size, one multiplication or division by an
/// exactly representable power of ten rounds correctly (Clinger 1990). Other numbers of up to 19
/// digits go to `EiselLemire`, which is correctly rounded too or says it cannot decide.
/// Everything else goes to the standard library's parser, which is correctly rounded and uses
/// the C locale whatever the process locale is.
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
        return compose(mantissa, digits: digits, exponent: exponent, negative: negative, base, start, end)
    }

    /// `±mantissa × 10^exponent`, correctly rounded; `digits` counts the significant digits that
    /// went into `mantissa` (more than 19 means it lost some, and the text at `base[start..<end]`
    /// is parsed exactly instead).
    @inline(always)
    static func compose(
        _ mantissa: UInt64, digits: Int, exponent: Int, negative: Bool,
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int
    ) -> Double {
        if digits <= 19, mantissa <= 1 << 53 {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            if exponent >= -22, exponent <= 22 {
                // Exact below 2^53, so the one rounding is the product's or quotient's.
                var value = Double(Int64(bitPattern: mantissa))
                if exponent >= 0 { value *= exactPowersOfTen[exponent] } else { value /= exactPowersOfTen[-exponent] }
                return negative ? -value : value
            }
        }
        return composeSlowly(mantissa, digits: digits, exponent: exponent, negative: negative, base, start, end)
    }

    /// `compose` past the one-rounding case: Eisel–Lemire for up to 19 digits, the standard
    /// library's exact parser for the rest. Out of line, so that the common case inlines small.
    @inline(never)
    static func composeSlowly(
        _ mantissa: UInt64, digits: Int, exponent: Int, negative: Bool,
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int
    ) -> Double {
        if digits <= 19, mantissa != 0, let value = EiselLemire.double(mantissa, exponent) {
            return negative ? -value : value
        }
        return slowPath(base, start, end)
    }

    private static func slowPath(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        return Double(text) ?? .nan
    }

    /// Matches the JSON number at `start` and, when `parse`, converts it in the same pass (into
    /// `value`): returns its length, or 0 when the bytes there are not a JSON number.
    @inline(__always)
    public static func scan(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, parse: Bool, value: inout Double
    ) -> Int {
        parse ? parseNumber(base, start, end, value: &value) : skipNumber(base, start, end)
    }

    /// `scan` with `parse`: the number's length (0 when there is none) and its value.
    @inline(__always)
    public static func parseNumber(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, value: inout Double) -> Int {
        lengthParsing(base, start, end, value: &value)
    }

    /// `scan` without `parse`: the length of the JSON number at `start`, or 0. Checks the
    /// grammar and nothing else.
    @inline(__always)
    public static func skipNumber(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        length(base, start, end)
    }

    /// `parseNumber`, specialised by hand and always inlined: the flat-object path reads most
    /// numbers of a line through it.
    @inline(always)
    static func lengthParsing(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, value: inout Double) -> Int {
        var i = start
        guard i < end else { return 0 }
        let negative = base[i] == UInt8(ascii: "-")
        if negative {
            i &+= 1
            guard i < end else { return 0 }
        }
        var mantissa: UInt64 = 0
        // Digits taken into the mantissa (leading zeros of a fraction included: a bound).
        var digitCount = 0
        let first = base[i]
        if first == UInt8(ascii: "0") {
            i &+= 1
        } else if first &- 49 < 9 {
            let digitsStart = i
            i = digitRun(base, i, end, &mantissa, parse: true)
            digitCount = i &- digitsStart
        } else {
            return 0
        }
        var exponent = 0
        if i < end, base[i] == UInt8(ascii: ".") {
            i &+= 1
            let digitsStart = i
            i = digitRun(base, i, end, &mantissa, parse: true)
            if i == digitsStart { return 0 }
            digitCount &+= i &- digitsStart
            exponent = digitsStart &- i
        }
        if i < end, base[i] | 0x20 == UInt8(ascii: "e") {
            var e = 0
            i = exponentPart(base, i &+ 1, end, &e)
            if i == 0 { return 0 }
            exponent &+= e
        }
        value = digitCount <= 19
            ? compose(mantissa, digits: digitCount, exponent: exponent, negative: negative, base, start, i)
            : parseManyDigits(base, start, i)
        return i &- start
    }

    /// `parseValidated` out of line, for numbers of more than 19 digits (leading zeros of a
    /// fraction included), which need an exact count of their significant digits.
    @inline(never)
    static func parseManyDigits(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        parseValidated(base, start, end)
    }

    /// `skipNumber`, always inlined, for the flat-object path.
    @inline(always)
    static func length(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        guard i < end else { return 0 }
        if base[i] == UInt8(ascii: "-") {
            i &+= 1
            guard i < end else { return 0 }
        }
        let first = base[i]
        if first == UInt8(ascii: "0") {
            i &+= 1
        } else if first &- 49 < 9 {
            i = skipDigits(base, i &+ 1, end)
        } else {
            return 0
        }
        if i < end, base[i] == UInt8(ascii: ".") {
            let digitsStart = i &+ 1
            i = skipDigits(base, digitsStart, end)
            if i == digitsStart { return 0 }
        }
        if i < end, base[i] | 0x20 == UInt8(ascii: "e") {
            var e = 0
            i = exponentPart(base, i &+ 1, end, &e)
            if i == 0 { return 0 }
        }
        return i &- start
    }

    /// Reads an exponent's sign and digits at `start` (just after the `e`) into `exponent`
    /// (its size capped, which keeps any real exponent out of range all the same). Returns the
    /// index after its digits, or 0 when it has none.
    @inline(always)
    static func exponentPart(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ exponent: inout Int) -> Int {
        var i = start
        var negative = false
        if i < end, base[i] == UInt8(ascii: "-") {
            negative = true
            i &+= 1
        } else if i < end, base[i] == UInt8(ascii: "+") {
            i &+= 1
        }
        let digitsStart = i
        var e = 0
        while i < end, base[i] &- 48 < 10 {
            if e < 100_000 { e = e &* 10 &+ Int(base[i] &- 48) }
            i &+= 1
        }
        if i == digitsStart { return 0 }
        exponent = negative ? 0 &- e : e
        return i
    }

    /// The index after the decimal digits at `start`, eight at a time while eight bytes remain.
    @inline(always)
    static func skipDigits(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i &+ 8 <= end {
            let n = leadingDigitCount(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            i &+= n
            // After eight digits, one byte says whether there are more (usually not).
            if n < 8 || i == end || base[i] &- 48 >= 10 { return i }
        }
        while i < end, base[i] &- 48 < 10 { i &+= 1 }
        return i
    }

    /// Reads the decimal digits at `start`, eight at a time while at least eight bytes remain,
    /// appending them to `mantissa` when `parse` (wrapping past 19 digits: the caller counts).
    /// Returns the index after the last digit.
    @inline(always)
    static func digitRun(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ mantissa: inout UInt64, parse: Bool
    ) -> Int {
        var i = start
        while i &+ 8 <= end {
            let values = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &- 0x3030_3030_3030_3030
            let n = leadingDigitCount(digitValues: values)
            if n == 0 { return i }
            if parse {
                if n == 8 {
                    mantissa = mantissa &* 100_000_000 &+ eightDigitsValue(values)
                } else {
                    // The n digits, shifted to the top so that the bytes after them drop out and
                    // leading zero digits take their place.
                    let digits = values &<< UInt64(truncatingIfNeeded: (8 &- n) &* 8)
                    mantissa = mantissa &* powersOfTenUpToEight[n] &+ eightDigitsValue(digits)
                }
            }
            i &+= n
            // After eight digits, one byte says whether there are more (usually not).
            if n < 8 || i == end || base[i] &- 48 >= 10 { return i }
        }
        while i < end, base[i] &- 48 < 10 {
            if parse { mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48) }
            i &+= 1
        }
        return i
    }

    private static let powersOfTenUpToEight: [UInt64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// How many of the eight bytes of `word` (first byte lowest) are ASCII digits before the
    /// first that is not.
    @inline(always)
    static func leadingDigitCount(_ word: UInt64) -> Int {
        leadingDigitCount(digitValues: word &- 0x3030_3030_3030_3030)
    }

    /// `leadingDigitCount` of the word whose bytes less `'0'` each are `values`: a byte is a
    /// digit when that is below 10, and adding 0x76 then leaves its top bit clear. A borrow or
    /// carry between bytes only comes out of a byte that is no digit and only changes the bytes
    /// after it, so the first non-digit is found exactly.
    @inline(always)
    static func leadingDigitCount(digitValues values: UInt64) -> Int {
        let nonDigit = (values | (values &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080
        // No non-digit: 64 trailing zeros, so 8.
        return nonDigit.trailingZeroBitCount &>> 3
    }

    /// The value of eight digit values 0…9 held one a byte, the first (most significant) lowest.
    @inline(always)
    static func eightDigitsValue(_ digits: UInt64) -> UInt64 {
        // Pairs: every other byte becomes 10·d[k] + d[k+1]; then pairs of pairs, then the halves.
        let pairs = (digits &* 10) &+ (digits >> 8)
        let low = (pairs & 0x0000_00FF_0000_00FF) &* (100 + (1_000_000 << 32))
        let high = ((pairs >> 16) & 0x0000_00FF_0000_00FF) &* (1 + (10_000 << 32))
        return (low &+ high) >> 32
    }

    /// Length of the JSON number that starts at `start`, or nil when the bytes there are not one.
    @inline(__always)
    public static func matchNumber(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var unused = 0.0
        let length = scan(base, start, end, parse: false, value: &unused)
        return length > 0 ? length : nil
    }

    /// Parses a numeric string's content (`"3.2e-4"`, `"NaN"`, `"inf"`, `" 12 "`), or nil.
    public static func parseNumericText(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var s = start
        var e = end
        while s < e, base[s] == 0x20 || base[s] == 0x09 { s += 1 }
        while e > s, base[e - 1] == 0x20 || base[e - 1] == 0x09 { e -= 1 }
        guard s < e else { return nil }
        var value = 0.0
        if s + parseNumber(base, s, e, value: &value) == e { return value }
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

    /// A count as people write it: a number, or a number with a suffix `k`, `M`, `B`, `T`
    /// (thousand, million, billion, trillion; either case), such as `"124M"` or `"1.3B"`.
    public static func parseCountText(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        if let value = parseNumericText(base, start, end) { return value }
        var e = end
        while e > start, base[e - 1] == 0x20 || base[e - 1] == 0x09 { e -= 1 }
        guard e - start >= 2 else { return nil }
        let scale: Double
        switch base[e - 1] | 0x20 {
        case UInt8(ascii: "k"): scale = 1e3
        case UInt8(ascii: "m"): scale = 1e6
        case UInt8(ascii: "b"): scale = 1e9
        case UInt8(ascii: "t"): scale = 1e12
        default: return nil
        }
        guard let value = parseNumericText(base, start, e - 1), value.isFinite else { return nil }
        return value * scale
    }

    private static func lowercasedASCII(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        guard end - start <= 8 else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        for i in start..<end { bytes.append(base[i] | (base[i] &- 65 < 26 ? 0x20 : 0)) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
