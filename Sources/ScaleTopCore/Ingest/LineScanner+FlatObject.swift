/// The fast path of `LineScanner`: one object whose values are numbers, plain strings and the
/// bare words, with keys free of escapes and dots — what training loops write. One pass, no
/// container stack, numbers parsed as they are matched (only for the keys scaletop reads; the
/// others are only checked). Anything else (nesting, escapes in keys, a numeric string for a
/// known key, a BOM, any error) returns false, and the general scanner reads the line from its
/// start, so both give the same record for every line this path accepts.
extension LineScanner {
    /// True when the line was one flat object, whose keys are now in `record`.
    @inline(__always)
    mutating func scanFlatObject(_ p: UnsafePointer<UInt8>, count end: Int) -> Bool {
        let longestKey = catalog.longestKey
        return shortKeys.withLookup { keys in
            Self.scanFlatObject(p, end, keys: keys, longestKey: longestKey, catalog: catalog, into: &record)
        }
    }

    private static func scanFlatObject(
        _ p: UnsafePointer<UInt8>, _ end: Int, keys: ShortKeyTable.Lookup, longestKey: Int,
        catalog: KeyCatalog, into record: inout ScannedRecord
    ) -> Bool {
        var i = 0
        skipSpaces(p, &i, end)
        guard i < end, p[i] == UInt8(ascii: "{") else { return false }
        i += 1
        skipSpaces(p, &i, end)
        guard i < end else { return false }
        if p[i] != UInt8(ascii: "}") {
            while true {
                guard p[i] == UInt8(ascii: "\"") else { return false }
                // The key: plain bytes up to the closing quote.
                let keyStart = i + 1
                guard let keyEnd = plainKeyEnd(p, keyStart, end) else { return false }
                let length = keyEnd - keyStart
                let role: KeyCatalog.Role?
                if length == 0 || length > longestKey {
                    role = nil
                } else if length <= ShortKeyTable.maximumLength {
                    role = keys.role(p + keyStart, length, readable: end - keyStart)
                } else {
                    role = catalog.role(p + keyStart, count: length)
                }
                i = keyEnd + 1
                if i < end, p[i] == UInt8(ascii: ":") {
                    i += 1
                } else {
                    skipSpaces(p, &i, end)
                    guard i < end, p[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                }
                skipSpaces(p, &i, end)
                guard i < end else { return false }

                let c = p[i]
                if c &- 48 < 10 || (c == UInt8(ascii: "-") && i + 1 < end && p[i + 1] != UInt8(ascii: "I")) {
                    var value = 0.0
                    let length: Int
                    if case let .field(field, rank)? = role {
                        length = DecimalParser.scan(p, i, end, parse: true, value: &value)
                        record.offer(field, rank: rank, value: value)
                    } else {
                        length = DecimalParser.scan(p, i, end, parse: false, value: &value)
                        if role == .runName { record.runName = nil }
                    }
                    // Not a number, or one that runs to the end of the line (maybe cut short).
                    guard length > 0, i + length < end else { return false }
                    i += length
                } else if c == UInt8(ascii: "\"") {
                    var s = i + 1
                    var escaped = false
                    while s < end {
                        let b = p[s]
                        if b == UInt8(ascii: "\"") { break }
                        if b < 0x20 { return false }
                        if b == UInt8(ascii: "\\") {
                            escaped = true
                            break
                        }
                        s += 1
                    }
                    if escaped || s == end {
                        // Escapes in a value the scanner reads need decoding: the general path.
                        guard role == nil, let next = skipString(p, i, end) else { return false }
                        i = next
                    } else {
                        switch role {
                        case .runName?:
                            record.runName = String(decoding: UnsafeBufferPointer(start: p + i + 1, count: s - i - 1), as: UTF8.self)
                        case .field?:
                            return false  // a number written as a string: the general path parses it
                        case nil:
                            break
                        }
                        i = s + 1
                    }
                } else if let (length, value) = bareWord(p, i, end) {
                    i += length
                    switch role {
                    case let .field(field, rank)?:
                        if let value { record.offer(field, rank: rank, value: value) } else { record.withdraw(field, rank: rank) }
                    case .runName?: record.runName = nil
                    case nil: break
                    }
                } else {
                    return false  // nesting, or not JSON
                }

                skipSpaces(p, &i, end)
                guard i < end else { return false }
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                    skipSpaces(p, &i, end)
                    guard i < end else { return false }
                    continue
                }
                guard p[i] == UInt8(ascii: "}") else { return false }
                break
            }
        }
        i += 1
        skipSpaces(p, &i, end)
        return i == end
    }

    /// Moves `i` past JSON whitespace. Every whitespace byte is at most 0x20, so the usual byte
    /// (a token) leaves after one compare.
    @inline(__always)
    private static func skipSpaces(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) {
        while i < end {
            let b = p[i]
            if b > 0x20 || !isSpace(b) { return }
            i += 1
        }
    }

    /// The index of the quote that closes the key starting at `start`, or nil when a byte that
    /// needs the general path (a backslash, a control byte, a `.` to read as nesting) or the end
    /// of the line comes first. Eight bytes at a time while eight remain.
    @inline(__always)
    private static func plainKeyEnd(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var k = start
        while k + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self))
            let special = zeroBytes(word ^ 0x2222_2222_2222_2222) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                | zeroBytes(word ^ 0x2E2E_2E2E_2E2E_2E2E) | ((word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080)
            if special != 0 {
                let at = k + special.trailingZeroBitCount >> 3
                return p[at] == UInt8(ascii: "\"") ? at : nil
            }
            k += 8
        }
        while k < end {
            let b = p[k]
            if b == UInt8(ascii: "\"") { return k }
            if b == UInt8(ascii: "\\") || b < 0x20 || b == UInt8(ascii: ".") { return nil }
            k += 1
        }
        return nil
    }

    /// The high bit of each zero byte of `word`, exact up to the first zero byte (a borrow may
    /// mark bytes after it, which the caller never looks at).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// `true`, `false`, `null` (no value) or `NaN`, `Infinity`, `-Infinity` (their value), when
    /// the word is whole and something follows it on the line.
    @inline(__always)
    private static func bareWord(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (Int, Double?)? {
        // The word, and something after it (a word that ends the line may be cut short).
        func matches(_ word: StaticString, at start: Int) -> Bool {
            start + word.utf8CodeUnitCount < end && matchWord(p, start, end, word)
        }
        switch p[i] {
        case UInt8(ascii: "t"): return matches("true", at: i) ? (4, nil) : nil
        case UInt8(ascii: "f"): return matches("false", at: i) ? (5, nil) : nil
        case UInt8(ascii: "n"): return matches("null", at: i) ? (4, nil) : nil
        case UInt8(ascii: "N"): return matches("NaN", at: i) ? (3, .nan) : nil
        case UInt8(ascii: "I"): return matches("Infinity", at: i) ? (8, .infinity) : nil
        case UInt8(ascii: "-"): return matches("-Infinity", at: i) ? (9, -.infinity) : nil
        default: return nil
        }
    }
}
