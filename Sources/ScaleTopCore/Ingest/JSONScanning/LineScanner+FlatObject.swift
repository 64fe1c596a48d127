/// The fast path of `LineScanner`: one object whose values are numbers, plain strings and the
/// bare words, with keys free of escapes and dots — what training loops write. One pass, no
/// container stack, numbers parsed as they are matched (only for the keys scaletop reads; the
/// others are only checked). Anything else (nesting, escapes in keys, a numeric string for a
/// known key, a BOM, a known key whose later value withdraws an earlier one, a key over 24 bytes
/// that the catalog may know — only a long `--loss-key` makes one —, any error) returns
/// false, and the general scanner reads the line from its start, so both give the same record
/// for every line this path accepts.
///
/// It reads the key table through a plain pointer and writes a record of fixed storage, so a
/// line costs no reference counting and no array checks.
extension LineScanner {
    /// True when the line was one flat object, whose keys are now in `record`.
    @inline(__always)
    mutating func scanFlatObject(_ p: UnsafePointer<UInt8>, count end: Int) -> Bool {
        Self.scanFlatObject(p, end, keys: keyLookup, cache: &keyCache, into: &record)
    }

    @inline(__always)
    private static func scanFlatObject(
        _ p: UnsafePointer<UInt8>, _ end: Int, keys: ShortKeyTable.Lookup, cache: inout FlatKeyCache,
        into record: inout ScannedRecord
    ) -> Bool {
        cache.withEntries { scanFlatObject(p, end, keys: keys, cache: $0, into: &record) }
    }

    private static func scanFlatObject(
        _ p: UnsafePointer<UInt8>, _ end: Int, keys: ShortKeyTable.Lookup, cache: UnsafeMutablePointer<FlatKeyCache.Entry>,
        into record: inout ScannedRecord
    ) -> Bool {
        // Which key of the line this is, for the cache.
        var position = 0
        var i = 0
        skipSpaces(p, &i, end)
        guard i < end, p[i] == UInt8(ascii: "{") else { return false }
        i &+= 1
        skipSpaces(p, &i, end)
        guard i < end else { return false }
        if p[i] != UInt8(ascii: "}") {
            while true {
                guard p[i] == UInt8(ascii: "\"") else { return false }
                // The key: plain bytes up to the closing quote; usually the key the last line
                // had at this position.
                let keyStart = i &+ 1
                let keyEnd: Int
                let action: ShortKeyTable.Action
                let cached = position < FlatKeyCache.positions && keyStart &+ 16 <= end
                if cached, let (length, known) = FlatKeyCache.match(cache + position, p + keyStart) {
                    keyEnd = keyStart &+ length
                    action = known
                } else {
                    guard let (found, looked) = readKey(p, keyStart, end, keys), looked != .tooLong else { return false }
                    keyEnd = found
                    action = looked
                    if cached { FlatKeyCache.remember(cache + position, p + keyStart, keyEnd &- keyStart, action) }
                }
                position &+= 1
                i = keyEnd &+ 1
                // The usual `": ` before the value, else any spacing around the colon.
                if i &+ 2 < end, UnsafeRawPointer(p + i).loadUnaligned(as: UInt16.self) == Self.colonSpace, p[i &+ 2] > 0x20 {
                    i &+= 2
                } else {
                    skipSpaces(p, &i, end)
                    guard i < end, p[i] == UInt8(ascii: ":") else { return false }
                    i &+= 1
                    skipSpaces(p, &i, end)
                    guard i < end else { return false }
                }

                let c = p[i]
                if c &- 48 < 10 || (c == UInt8(ascii: "-") && i &+ 1 < end && p[i &+ 1] != UInt8(ascii: "I")) {
                    let length: Int
                    if action.isField {
                        var value = 0.0
                        length = DecimalParser.lengthParsing(p, i, end, value: &value)
                        // Not a number, or one that runs to the end of the line (maybe cut short).
                        guard length > 0, i &+ length < end else { return false }
                        record.offer(field: action.field, clampedRank: action.rank, value: value)
                    } else {
                        length = DecimalParser.length(p, i, end)
                        guard length > 0, i &+ length < end else { return false }
                        if action == .runName { record.runName = nil }
                    }
                    i &+= length
                } else if c == UInt8(ascii: "\"") {
                    guard let next = stringValue(p, i, end, action, &record) else { return false }
                    i = next
                } else {
                    guard let next = bareWordValue(p, i, end, action, &record) else { return false }
                    i = next
                }

                // The usual `, "` before the next key, else any spacing around the comma.
                if i &+ 2 < end, UnsafeRawPointer(p + i).loadUnaligned(as: UInt16.self) == Self.commaSpace, p[i &+ 2] == UInt8(ascii: "\"") {
                    i &+= 2
                    continue
                }
                skipSpaces(p, &i, end)
                guard i < end else { return false }
                if p[i] == UInt8(ascii: ",") {
                    i &+= 1
                    skipSpaces(p, &i, end)
                    guard i < end else { return false }
                    continue
                }
                guard p[i] == UInt8(ascii: "}") else { return false }
                break
            }
        }
        i &+= 1
        skipSpaces(p, &i, end)
        return i == end
    }

    /// Moves `i` past JSON whitespace. Every whitespace byte is at most 0x20, so the usual byte
    /// (a token) leaves after one compare.
    @inline(always)
    private static func skipSpaces(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) {
        while i < end {
            let b = p[i]
            if b > 0x20 || !isSpace(b) { return }
            i &+= 1
        }
    }

    /// The string value at `i` (its opening quote): the index after it, or nil when the line
    /// needs the general path. Out of line, like `bareWordValue`: the loop stays small enough
    /// for the number and key paths to be inlined into it.
    @inline(never)
    private static func stringValue(
        _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ action: ShortKeyTable.Action, _ record: inout ScannedRecord
    ) -> Int? {
        var s = i + 1
        while s < end {
            let b = p[s]
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { return nil }
            if b == UInt8(ascii: "\\") {
                // Escapes in a value the scanner reads need decoding: the general path.
                guard action == .ignore else { return nil }
                return skipString(p, i, end)
            }
            s += 1
        }
        guard s < end else { return nil }
        if action == .runName {
            record.runName = String(decoding: UnsafeBufferPointer(start: p + i + 1, count: s - i - 1), as: UTF8.self)
        } else if action.isField {
            return nil  // a number written as a string: the general path parses it
        }
        return s + 1
    }

    /// The bare word at `i` (`true`, `NaN`...): the index after it, or nil when there is none or
    /// the line needs the general path.
    @inline(never)
    private static func bareWordValue(
        _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ action: ShortKeyTable.Action, _ record: inout ScannedRecord
    ) -> Int? {
        guard let (length, value) = bareWord(p, i, end) else { return nil }  // nesting, or not JSON
        if action.isField {
            if let value {
                record.offer(field: action.field, clampedRank: action.rank, value: value)
            } else if record.presentFields & (1 << UInt32(action.field)) != 0 {
                return nil  // withdraws an alias already read: the general path keeps them all
            }
        } else if action == .runName {
            record.runName = nil
        }
        return i + length
    }

    /// `": ` and `, "`'s first two bytes as they lie in memory.
    private static let colonSpace = UInt16(littleEndian: 0x203A)
    private static let commaSpace = UInt16(littleEndian: 0x202C)

    /// The key starting at `start`: the index of its closing quote and what to do with its value,
    /// or nil when the key needs the general path. A key that ends within the first eight bytes
    /// (most do) is found and looked up from one load.
    @inline(always)
    private static func readKey(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ keys: ShortKeyTable.Lookup
    ) -> (Int, ShortKeyTable.Action)? {
        if start &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + start).loadUnaligned(as: UInt64.self))
            let special = specialBytes(word)
            if special != 0 {
                let length = special.trailingZeroBitCount &>> 3
                guard p[start &+ length] == UInt8(ascii: "\"") else { return nil }
                if length == 0 { return (start, .ignore) }
                let key = word & (UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- length &* 8))
                return (start &+ length, keys.action(word: UInt64(littleEndian: key)))
            }
        }
        guard let keyEnd = plainKeyEnd(p, start, end) else { return nil }
        return (keyEnd, keys.action(p + start, keyEnd - start, readable: end - start))
    }

    /// The high bit of the first byte of `word` (first byte lowest) that a plain key cannot
    /// hold — a quote, a backslash, a `.`, a control byte — exact up to that byte.
    @inline(always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ 0x2222_2222_2222_2222) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
            | zeroBytes(word ^ 0x2E2E_2E2E_2E2E_2E2E) | ((word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080)
    }

    /// The index of the quote that closes the key starting at `start`, or nil when a byte that
    /// needs the general path (a backslash, a control byte, a `.` to read as nesting) or the end
    /// of the line comes first. Eight bytes at a time while eight remain.
    @inline(always)
    private static func plainKeyEnd(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var k = start
        while k + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self))
            let special = specialBytes(word)
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
    @inline(always)
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
