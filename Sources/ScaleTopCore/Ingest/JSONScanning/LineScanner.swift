/// Reads one JSONL line byte by byte, checks that it is one complete JSON object, and pulls out
/// the keys scaletop knows without building a tree. Iterative (no recursion), so nesting depth
/// cannot overflow the stack; unknown values are validated and skipped.
///
/// Beyond strict JSON it accepts a UTF-8 BOM, a trailing CR, the bare tokens `NaN`, `Infinity`
/// and `-Infinity` that Python's `json` writes, and numeric strings for numeric keys.
/// Duplicate keys: the later value wins, also when it is not a number (the key then counts as
/// absent) or, for `"run"`, not a string.
public struct LineScanner: Sendable {
    public static let maximumDepth = 512

    public let catalog: KeyCatalog
    /// The catalog's keys for the fast path: the table, and the pointer view the scan reads.
    private let shortKeys: ShortKeyTable
    let keyLookup: ShortKeyTable.Lookup
    /// The keys found on the last line scanned.
    public internal(set) var record = ScannedRecord()
    /// The keys of the last flat line, for the fast path.
    var keyCache = FlatKeyCache()
    /// The general scanner's values of every alias, handed to `record` when the line is good.
    private var slots = AliasSlots()
    /// Where the last bad line went wrong: the byte offset of the value, key or token at fault
    /// (the end of the line when it was cut short). Meaningless after a good line.
    public private(set) var failureOffset = 0

    /// Normalised path of the key being read (`a/b/c`).
    private var path = [UInt8](repeating: 0, count: 256)
    private var scratch: [UInt8] = []
    /// Container kinds, innermost last: `true` for an object.
    private var containers: [Bool] = []
    /// For each open object, the path length before its keys (or -1 when not tracked).
    private var pathMarks: [Int] = []
    /// For each open object, the hash of its path prefix (see `KeyCatalog.hashStep`).
    private var pathHashes: [UInt64] = []

    public init(catalog: KeyCatalog = KeyCatalog()) {
        self.catalog = catalog
        shortKeys = ShortKeyTable(catalog)
        keyLookup = shortKeys.lookup
        containers.reserveCapacity(64)
        pathMarks.reserveCapacity(64)
        scratch.reserveCapacity(64)
    }

    public mutating func scan(_ line: UnsafeRawBufferPointer) -> ScanOutcome {
        guard let raw = line.baseAddress, line.count > 0 else {
            record.reset()
            return .blank
        }
        return scan(raw.assumingMemoryBound(to: UInt8.self), count: line.count)
    }

    public mutating func scan(_ text: String) -> ScanOutcome {
        var copy = text
        return copy.withUTF8 { scan(UnsafeRawBufferPointer($0)) }
    }

    // MARK: - The scanner proper

    private static func isNumberByte(_ b: UInt8) -> Bool {
        b &- 48 < 10 || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b | 0x20 == UInt8(ascii: "e")
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    public mutating func scan(_ p: UnsafePointer<UInt8>, count end: Int) -> ScanOutcome {
        record.reset()
        if scanFlatObject(p, count: end) { return .record }
        record.reset()
        return scanGeneral(p, count: end)
    }

    /// The general scanner: any JSON, nesting, escapes; says what is wrong with a bad line.
    /// Values go to `slots` as they are read and to `record` once the line is known to be good.
    mutating func scanGeneral(_ p: UnsafePointer<UInt8>, count end: Int) -> ScanOutcome {
        slots.reset()
        containers.removeAll(keepingCapacity: true)
        pathMarks.removeAll(keepingCapacity: true)
        pathHashes.removeAll(keepingCapacity: true)
        var i = 0
        if end >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
        while i < end, Self.isSpace(p[i]) { i += 1 }
        if i == end { return .blank }
        guard p[i] == UInt8(ascii: "{") else { return failed(.bad(.notAnObject), at: i) }
        i += 1
        containers.append(true)
        pathMarks.append(0)
        pathHashes.append(KeyCatalog.hashSeed)
        var pathLength = 0
        var pathHash = KeyCatalog.hashSeed
        // Values inside arrays match no key.
        var arrayDepth = 0
        // Expecting a key (in an object) or a value (in an array).
        var expectKey = true
        // A close bracket is allowed here (an empty container, or right after a value).
        var allowClose = true
        // A value just ended: a `,` or the container's close comes next.
        var afterValue = false

        while true {
            while i < end, Self.isSpace(p[i]) { i += 1 }
            guard i < end else { return failed(.bad(.truncated), at: i) }
            let inObject = containers[containers.count - 1]

            if afterValue {
                afterValue = false
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                    expectKey = inObject
                    allowClose = false
                    continue
                }
                guard p[i] == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return failed(.bad(.invalidSyntax), at: i) }
                i += 1
                if closeContainer(&arrayDepth) { return finish(p, i, end) }
                afterValue = true
                continue
            }

            if inObject && expectKey {
                if p[i] == UInt8(ascii: "}") {
                    guard allowClose else { return failed(.bad(.invalidSyntax), at: i) }
                    i += 1
                    if closeContainer(&arrayDepth) { return finish(p, i, end) }
                    afterValue = true
                    continue
                }
                guard p[i] == UInt8(ascii: "\"") else { return failed(.bad(.invalidSyntax), at: i) }
                // The key joins the enclosing object's path after a separator.
                let mark = pathMarks[pathMarks.count - 1]
                if mark >= 0 && arrayDepth == 0 {
                    var keyStart = mark
                    var hash = pathHashes[pathHashes.count - 1]
                    if mark > 0 {
                        if mark < path.count { path[mark] = UInt8(ascii: "/") }
                        hash = KeyCatalog.hashStep(hash, UInt8(ascii: "/"))
                        keyStart += 1
                    }
                    // Fast path: a key without escapes is copied and hashed in one pass.
                    var k = i + 1
                    var w = keyStart
                    let capacity = path.count
                    path.withUnsafeMutableBufferPointer { out in
                        while k < end {
                            var b = p[k]
                            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                            if b == UInt8(ascii: ".") { b = UInt8(ascii: "/") }
                            if w < capacity { out[w] = b }
                            hash = KeyCatalog.hashStep(hash, b)
                            w += 1
                            k += 1
                        }
                    }
                    if k < end && p[k] == UInt8(ascii: "\"") {
                        i = k + 1
                        pathLength = w
                        pathHash = hash
                    } else {
                        guard let (next, length) = readKey(p, i, end, into: keyStart) else { return failed(scanFailure(p, i, end), at: i) }
                        i = next
                        pathLength = keyStart + length
                        pathHash = path.withUnsafeBufferPointer { KeyCatalog.hash($0.baseAddress!, 0, min(pathLength, capacity)) }
                    }
                } else {
                    guard let next = Self.skipString(p, i, end) else { return failed(scanFailure(p, i, end), at: i) }
                    i = next
                    pathLength = -1
                }
                while i < end, Self.isSpace(p[i]) { i += 1 }
                guard i < end else { return failed(.bad(.truncated), at: i) }
                guard p[i] == UInt8(ascii: ":") else { return failed(.bad(.invalidSyntax), at: i) }
                i += 1
                expectKey = false
                continue
            }

            if !inObject && p[i] == UInt8(ascii: "]") {
                guard allowClose else { return failed(.bad(.invalidSyntax), at: i) }
                i += 1
                if closeContainer(&arrayDepth) { return finish(p, i, end) }
                afterValue = true
                continue
            }

            // A value: after a key in an object, or an element of an array.
            let tracked = inObject && arrayDepth == 0 && pathLength > 0 && pathLength <= path.count
            let role: KeyCatalog.Role? = tracked ? path.withUnsafeBufferPointer {
                catalog.role($0.baseAddress!, count: pathLength, hash: pathHash)
            } : nil
            let c = p[i]
            switch c {
            case UInt8(ascii: "{"):
                guard containers.count < Self.maximumDepth else { return failed(.bad(.tooDeep), at: i) }
                if role != nil { withdraw(role) }
                containers.append(true)
                pathMarks.append(tracked ? pathLength : -1)
                pathHashes.append(pathHash)
                i += 1
                expectKey = true
                allowClose = true
                continue
            case UInt8(ascii: "["):
                guard containers.count < Self.maximumDepth else { return failed(.bad(.tooDeep), at: i) }
                if role != nil { withdraw(role) }
                containers.append(false)
                arrayDepth += 1
                i += 1
                expectKey = false
                allowClose = true
                continue
            case UInt8(ascii: "\""):
                if let role {
                    guard let next = readValueString(p, i, end, role: role) else { return failed(scanFailure(p, i, end), at: i) }
                    i = next
                } else {
                    guard let next = Self.skipString(p, i, end) else { return failed(scanFailure(p, i, end), at: i) }
                    i = next
                }
            case UInt8(ascii: "t"):
                guard Self.matchWord(p, i, end, "true") else { return failed(wordFailure(p, i, end), at: i) }
                i += 4
                if role != nil { withdraw(role) }
            case UInt8(ascii: "f"):
                guard Self.matchWord(p, i, end, "false") else { return failed(wordFailure(p, i, end), at: i) }
                i += 5
                if role != nil { withdraw(role) }
            case UInt8(ascii: "n"):
                guard Self.matchWord(p, i, end, "null") else { return failed(wordFailure(p, i, end), at: i) }
                i += 4
                if role != nil { withdraw(role) }
            case UInt8(ascii: "N"):
                guard Self.matchWord(p, i, end, "NaN") else { return failed(wordFailure(p, i, end), at: i) }
                i += 3
                offerNumber(.nan, role)
            case UInt8(ascii: "I"):
                guard Self.matchWord(p, i, end, "Infinity") else { return failed(wordFailure(p, i, end), at: i) }
                i += 8
                offerNumber(.infinity, role)
            default:
                if c == UInt8(ascii: "-"), i + 1 < end, p[i + 1] == UInt8(ascii: "I") {
                    guard Self.matchWord(p, i + 1, end, "Infinity") else { return failed(wordFailure(p, i + 1, end), at: i) }
                    i += 9
                    offerNumber(-.infinity, role)
                } else {
                    var value = 0.0
                    let length = DecimalParser.scan(p, i, end, parse: role != nil, value: &value)
                    guard length > 0 else {
                        // A malformed number that runs to the end of the line was cut short.
                        var k = i
                        while k < end, Self.isNumberByte(p[k]) { k += 1 }
                        return failed(k == end && k > i ? .bad(.truncated) : .bad(.invalidSyntax), at: i)
                    }
                    // A number that runs to the end of the line may be cut short.
                    if i + length == end { return failed(.bad(.truncated), at: i) }
                    if role != nil { offerNumber(value, role) }
                    i += length
                }
            }
            afterValue = true
        }
    }

    @inline(never)
    private mutating func failed(_ outcome: ScanOutcome, at offset: Int) -> ScanOutcome {
        failureOffset = offset
        return outcome
    }

    /// Pops the innermost container; true when it was the top-level object.
    @inline(__always)
    private mutating func closeContainer(_ arrayDepth: inout Int) -> Bool {
        if containers.removeLast() {
            pathMarks.removeLast()
            pathHashes.removeLast()
        } else {
            arrayDepth -= 1
        }
        return containers.isEmpty
    }

    private mutating func finish(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> ScanOutcome {
        var i = start
        while i < end, Self.isSpace(p[i]) { i += 1 }
        guard i == end else { return failed(.bad(.trailingText), at: i) }
        slots.offerWinners(to: &record)
        return .record
    }

    /// A known key whose (later) value is not what it should be: duplicate keys, the later wins.
    private mutating func withdraw(_ role: KeyCatalog.Role?) {
        switch role {
        case let .field(field, rank)?: slots.withdraw(field, rank: rank)
        case .runName?: record.runName = nil
        case nil: break
        }
    }

    @inline(__always)
    private mutating func offerNumber(_ value: Double, _ role: KeyCatalog.Role?) {
        if case let .field(field, rank) = role {
            slots.offer(field, rank: rank, value: value)
        } else if role == .runName {
            record.runName = nil
        }
    }

    static func matchWord(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { return false }
        let w = word.utf8Start
        for k in 0..<n where p[i + k] != w[k] { return false }
        return true
    }

    /// A literal that does not match: truncated when the line ends inside a valid prefix.
    private func wordFailure(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> ScanOutcome {
        let words: [StaticString] = ["true", "false", "null", "NaN", "Infinity"]
        for word in words where end - i < word.utf8CodeUnitCount {
            var prefix = true
            for k in 0..<(end - i) where p[i + k] != word.utf8Start[k] { prefix = false; break }
            if prefix { return .bad(.truncated) }
        }
        return .bad(.invalidSyntax)
    }

    /// A string that failed: truncated when no closing quote follows, else invalid.
    private func scanFailure(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> ScanOutcome {
        var k = i + 1
        while k < end {
            if p[k] == UInt8(ascii: "\\") { k += 2; continue }
            if p[k] == UInt8(ascii: "\"") { return .bad(.invalidSyntax) }
            k += 1
        }
        return .bad(.truncated)
    }

    // MARK: - Strings

    /// Skips a string starting at the quote at `i`; returns the index after its closing quote.
    @inline(__always)
    static func skipString(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start + 1
        while i < end {
            let b = p[i]
            if b == UInt8(ascii: "\"") { return i + 1 }
            if b == UInt8(ascii: "\\") {
                guard i + 1 < end else { return nil }
                switch p[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < end, Self.isHex(p[i + 2]), Self.isHex(p[i + 3]), Self.isHex(p[i + 4]), Self.isHex(p[i + 5]) else {
                        return nil
                    }
                    i += 6
                default: return nil
                }
                continue
            }
            if b < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    private static func isHex(_ b: UInt8) -> Bool { b &- 48 < 10 || (b | 0x20) &- 97 < 6 }

    private static func hexValue(_ b: UInt8) -> UInt32 {
        b &- 48 < 10 ? UInt32(b &- 48) : UInt32((b | 0x20) &- 87)
    }

    /// Decodes the string at `start` into `output` through `emit`, returning the index after
    /// the closing quote, or nil when the string is malformed or unterminated.
    @inline(__always)
    private static func decodeString(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ emit: (UInt8) -> Void
    ) -> Int? {
        var i = start + 1
        while i < end {
            let b = p[i]
            if b == UInt8(ascii: "\"") { return i + 1 }
            if b < 0x20 { return nil }
            guard b == UInt8(ascii: "\\") else { emit(b); i += 1; continue }
            guard i + 1 < end else { return nil }
            let e = p[i + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): emit(e); i += 2
            case UInt8(ascii: "b"): emit(0x08); i += 2
            case UInt8(ascii: "f"): emit(0x0C); i += 2
            case UInt8(ascii: "n"): emit(0x0A); i += 2
            case UInt8(ascii: "r"): emit(0x0D); i += 2
            case UInt8(ascii: "t"): emit(0x09); i += 2
            case UInt8(ascii: "u"):
                guard let (scalar, next) = Self.readUnicodeEscape(p, i, end) else { return nil }
                for byte in String(Character(scalar)).utf8 { emit(byte) }
                i = next
            default: return nil
            }
        }
        return nil
    }

    /// Reads `\uXXXX` (and a following low surrogate) at `i`; lone surrogates become U+FFFD.
    private static func readUnicodeEscape(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (Unicode.Scalar, Int)? {
        func quad(_ k: Int) -> UInt32? {
            guard k + 6 <= end, p[k] == UInt8(ascii: "\\"), p[k + 1] == UInt8(ascii: "u") else { return nil }
            var v: UInt32 = 0
            for d in 2..<6 {
                guard Self.isHex(p[k + d]) else { return nil }
                v = v << 4 | Self.hexValue(p[k + d])
            }
            return v
        }
        guard let high = quad(i) else { return nil }
        if high >= 0xD800 && high < 0xDC00, let low = quad(i + 6), low >= 0xDC00 && low < 0xE000 {
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", i + 12)
        }
        return (Unicode.Scalar(high) ?? "\u{FFFD}", i + 6)
    }

    /// Reads a key into the path at `offset`, mapping `.` to `/`. Returns the index after the
    /// key and its decoded length (clipped keys make the path untrackable).
    private mutating func readKey(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into offset: Int) -> (Int, Int)? {
        var length = 0
        let capacity = path.count
        let next: Int? = path.withUnsafeMutableBufferPointer { buffer in
            Self.decodeString(p, start, end) { byte in
                let position = offset + length
                if position < capacity { buffer[position] = byte == UInt8(ascii: ".") ? UInt8(ascii: "/") : byte }
                length += 1
            }
        }
        guard let next else { return nil }
        return (next, length)
    }

    /// Reads a string value for a known key: a run name, or a number written as a string.
    private mutating func readValueString(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, role: KeyCatalog.Role) -> Int? {
        scratch.removeAll(keepingCapacity: true)
        var bytes = scratch
        let next = Self.decodeString(p, start, end) { bytes.append($0) }
        scratch = bytes
        guard let next else { return nil }
        switch role {
        case .runName:
            record.runName = String(decoding: scratch, as: UTF8.self)
        case let .field(field, rank):
            let value = scratch.withUnsafeBufferPointer { buffer -> Double? in
                guard let base = buffer.baseAddress else { return nil }
                return field.acceptsCountSuffix
                    ? DecimalParser.parseCountText(base, 0, buffer.count) : DecimalParser.parseNumericText(base, 0, buffer.count)
            }
            if let value { slots.offer(field, rank: rank, value: value) } else { slots.withdraw(field, rank: rank) }
        }
        return next
    }
}

extension LineScanner {
    /// Readers that wrap other formats add what the format itself says about the record.
    mutating func setStep(_ step: Double) { record.offer(.step, rank: .max - 1, value: step) }
    mutating func setRunName(_ name: String) { record.runName = name }
}
