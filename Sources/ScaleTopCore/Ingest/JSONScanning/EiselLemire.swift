/// Decimal to binary64 by the Eisel–Lemire method (Lemire, "Number Parsing at a Gigabyte per
/// Second", 2021): `w × 10^q` for a decimal significand `w` of up to 19 digits, correctly
/// rounded (to nearest, ties to even) from one or two 64×64-bit products with a 128-bit
/// approximation of `5^q`. It says so when it cannot decide, and the caller then takes the exact
/// path. Integer arithmetic only, so it is the same on every machine and in every locale.
enum EiselLemire {
    /// The decimal exponents the table covers; outside them the caller's exact path decides
    /// (every such value of 19 digits or fewer is zero or infinite anyway).
    static let smallestPower = -342
    static let largestPower = 308

    /// For each `q` of `smallestPower...largestPower`, at `2 × (q - smallestPower)`: the top 128
    /// bits of `5^q` (high word first), scaled so that the top bit is set. Truncated for `q ≥ 0`;
    /// for `q < 0` the quotient `2^b / 5^-q` plus one, so that the approximation is never too
    /// small, as the method's error analysis assumes. Computed exactly at first use.
    static let powersOfFive: [UInt64] = makePowersOfFive()

    /// `w × 10^q`, correctly rounded, for `w` in 1 ..< 10^19; nil when the products leave the
    /// rounding undecided or `q` is out of the table's range.
    @inline(__always)
    static func double(_ w: UInt64, _ q: Int) -> Double? {
        guard q >= smallestPower, q <= largestPower, w != 0 else { return nil }
        let leadingZeros = w.leadingZeroBitCount
        let normalised = w &<< UInt64(leadingZeros)
        let index = (q &- smallestPower) &* 2
        let (high5, low5) = powersOfFive.withUnsafeBufferPointer { ($0[index], $0[index &+ 1]) }
        var (high, low) = normalised.multipliedFullWidth(by: high5)
        // The nine bits below the 55 that are kept are all ones: the low word of 5^q may carry
        // into them, so take it into account.
        if high & 0x1FF == 0x1FF {
            let (carry, _) = normalised.multipliedFullWidth(by: low5)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            low = sum
            if overflow { high &+= 1 }
        }
        // Still possibly short of the true product where 5^q was truncated: undecided.
        if low == .max, q < -27 || q > 55 { return nil }

        let upperBit = Int(high &>> 63)
        let shift = UInt64(upperBit &+ 64 &- 52 &- 3)
        var mantissa = high &>> shift
        // floor(log2(10^q)) + 63, exact over the table's range, then the binary exponent's bias.
        var power2 = (((152_170 &+ 65_536) &* q) &>> 16) &+ 63 &+ upperBit &- leadingZeros &+ 1023

        if power2 <= 0 {
            // Subnormal (or zero): shift the extra bits out, then round.
            if 1 &- power2 >= 64 { return 0 }
            mantissa &>>= UInt64(1 &- power2)
            mantissa &+= mantissa & 1
            mantissa &>>= 1
            // Rounding up may have made it the smallest normal number, whose bit 52 says so.
            let exponentBits: UInt64 = mantissa < 1 << 52 ? 0 : 1
            return Double(bitPattern: (mantissa & ((1 << 52) - 1)) | exponentBits << 52)
        }
        // A tie can only be exact where 5^q fits a word (small q); there round to even: the
        // rounding below rounds up, so clear the bit that would carry.
        if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa &<< shift == high {
            mantissa &= ~1
        }
        mantissa &+= mantissa & 1
        mantissa &>>= 1
        if mantissa >= 2 << 52 {
            mantissa = 1 << 52
            power2 &+= 1
        }
        mantissa &= ~(1 << 52)
        if power2 >= 0x7FF { return .infinity }
        return Double(bitPattern: mantissa | UInt64(power2) << 52)
    }

    // MARK: - The table

    private static func makePowersOfFive() -> [UInt64] {
        var table = [UInt64](repeating: 0, count: (largestPower - smallestPower + 1) * 2)
        func store(_ q: Int, _ value: [UInt64]) {
            table[(q - smallestPower) * 2] = value.count > 1 ? value[1] : 0
            table[(q - smallestPower) * 2 + 1] = value[0]
        }
        // Negative q: floor(2^b / 5^k) for k = -q, from floor(2^scale / 5^k), which repeated
        // division by 5 gives exactly (floor(floor(x / 5) / 5) = floor(x / 25)).
        let scale = 29 * 64
        var reciprocal = [UInt64](repeating: 0, count: 30)
        reciprocal[29] = 1
        var power: [UInt64] = [1]
        for k in 1...(-smallestPower) {
            BigNatural.divide(&reciprocal, by: 5)
            BigNatural.multiply(&power, by: 5)
            // 2^(z-1) < 5^k < 2^z.
            let z = BigNatural.bitLength(power)
            let b = k <= 27 ? z + 127 : 2 * z + 128
            var c = BigNatural.shiftedRight(reciprocal, by: scale - b)
            BigNatural.addOne(&c)
            let excess = BigNatural.bitLength(c) - 128
            if excess > 0 { c = BigNatural.shiftedRight(c, by: excess) }
            store(-k, c)
        }
        // q ≥ 0: 5^q itself, shifted to 128 bits (truncated when longer).
        power = [1]
        for q in 0...largestPower {
            if q > 0 { BigNatural.multiply(&power, by: 5) }
            let length = BigNatural.bitLength(power)
            if length > 128 {
                store(q, BigNatural.shiftedRight(power, by: length - 128))
            } else {
                let low = power[0]
                let high = power.count > 1 ? power[1] : 0
                let s = 128 - length
                let shiftedHigh = s == 0 ? high : s >= 64 ? low << UInt64(s - 64) : high << UInt64(s) | low >> UInt64(64 - s)
                let shiftedLow = s >= 64 ? 0 : low << UInt64(s)
                store(q, [shiftedLow, shiftedHigh])
            }
        }
        return table
    }
}

/// Just enough arithmetic on natural numbers (little-endian 64-bit limbs) to build the table.
private enum BigNatural {
    static func divide(_ x: inout [UInt64], by d: UInt64) {
        var remainder: UInt64 = 0
        for i in x.indices.reversed() {
            let (quotient, r) = d.dividingFullWidth((remainder, x[i]))
            x[i] = quotient
            remainder = r
        }
    }

    static func multiply(_ x: inout [UInt64], by m: UInt64) {
        var carry: UInt64 = 0
        for i in x.indices {
            let (high, low) = x[i].multipliedFullWidth(by: m)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            x[i] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { x.append(carry) }
    }

    static func addOne(_ x: inout [UInt64]) {
        for i in x.indices {
            x[i] &+= 1
            if x[i] != 0 { return }
        }
        x.append(1)
    }

    static func bitLength(_ x: [UInt64]) -> Int {
        for i in x.indices.reversed() where x[i] != 0 { return i * 64 + 64 - x[i].leadingZeroBitCount }
        return 0
    }

    static func shiftedRight(_ x: [UInt64], by bits: Int) -> [UInt64] {
        let limbs = bits / 64
        let s = UInt64(bits % 64)
        guard limbs < x.count else { return [0] }
        var result = [UInt64](repeating: 0, count: x.count - limbs)
        for i in result.indices {
            let low = x[i + limbs] >> s
            let high = s == 0 || i + limbs + 1 >= x.count ? 0 : x[i + limbs + 1] << (64 - s)
            result[i] = low | high
        }
        return result
    }
}
