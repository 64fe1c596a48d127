/// The catalog's keys of at most 24 bytes as whole words, so that a key read from a line is
/// looked up with a load, a multiply and a compare or two: no hashing byte by byte and no
/// `memcmp`. Keys of up to 8 bytes (most of them) have a table of single words, longer ones a
/// table of three words. The tables live in memory of their own, reached through `Lookup`, plain
/// pointers: the scanner's per-line path retains nothing and checks no array's uniqueness.
/// Longer keys are left to the general scanner (only a `--loss-key` can be one).
final class ShortKeyTable: @unchecked Sendable {
    static let maximumLength = 24

    /// What the fast path does with a key's value, in two bytes: take it as a field (index and
    /// rank, clamped to `ScannedRecord.lastRank`), as the run name, or not at all.
    struct Action: Equatable {
        let raw: UInt16

        static let ignore = Action(raw: 0xFFFF)
        static let runName = Action(raw: 0xFFFE)
        /// A key the catalog may know but these tables do not hold.
        static let tooLong = Action(raw: 0xFFFD)

        init(raw: UInt16) { self.raw = raw }

        init(_ role: KeyCatalog.Role?) {
            switch role {
            case let .field(field, rank)?: raw = UInt16(field.rawValue) << 8 | UInt16(min(rank, ScannedRecord.lastRank))
            case .runName?: raw = Self.runName.raw
            case nil: raw = Self.ignore.raw
            }
        }

        /// True for a field; then `field` and `rank` say which.
        @inline(__always) var isField: Bool { raw < 0xFF00 }
        @inline(__always) var field: Int { Int(raw &>> 8) }
        @inline(__always) var rank: UInt8 { UInt8(truncatingIfNeeded: raw) }
    }

    /// A key of 1…8 bytes, zero-padded (a key holds no zero byte, so the word alone says it).
    struct WordEntry {
        /// 0 for an empty slot.
        var word: UInt64 = 0
        var action = Action.ignore
    }

    struct LongEntry {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        /// 0 for an empty slot.
        var length = 0
        var action = Action.ignore
    }

    private let wordEntries: UnsafeMutablePointer<WordEntry>
    private let wordSize: Int
    private let longEntries: UnsafeMutablePointer<LongEntry>
    private let longSize: Int
    /// Keys up to this length can be known; longer ones are skipped without a lookup.
    private let longestKey: Int

    init(_ catalog: KeyCatalog) {
        let keys = catalog.keys.filter { !$0.bytes.isEmpty && $0.bytes.count <= Self.maximumLength }
        /// Open addressing, linear probing, at most a quarter full.
        func size(_ count: Int) -> Int {
            var size = 16
            while size < 4 * count { size *= 2 }
            return size
        }
        let short = keys.filter { $0.bytes.count <= 8 }
        let long = keys.filter { $0.bytes.count > 8 }
        wordSize = size(short.count)
        longSize = size(long.count)
        longestKey = catalog.longestKey
        wordEntries = .allocate(capacity: wordSize)
        wordEntries.initialize(repeating: WordEntry(), count: wordSize)
        longEntries = .allocate(capacity: longSize)
        longEntries.initialize(repeating: LongEntry(), count: longSize)
        for key in short {
            let word = key.bytes.withUnsafeBufferPointer { Self.words($0.baseAddress!, key.bytes.count, readable: key.bytes.count).0 }
            var i = Self.slot(word) & (wordSize - 1)
            while wordEntries[i].word != 0 { i = (i + 1) & (wordSize - 1) }
            wordEntries[i] = WordEntry(word: word, action: Action(key.role))
        }
        for key in long {
            let words = key.bytes.withUnsafeBufferPointer { Self.words($0.baseAddress!, key.bytes.count, readable: key.bytes.count) }
            var i = Self.slot(words, key.bytes.count) & (longSize - 1)
            while longEntries[i].length != 0 { i = (i + 1) & (longSize - 1) }
            longEntries[i] = LongEntry(words: words, length: key.bytes.count, action: Action(key.role))
        }
    }

    deinit {
        wordEntries.deinitialize(count: wordSize)
        wordEntries.deallocate()
        longEntries.deinitialize(count: longSize)
        longEntries.deallocate()
    }

    /// A view of the tables for the scanner to keep; valid while the table lives.
    var lookup: Lookup {
        Lookup(wordEntries: wordEntries, wordMask: wordSize - 1, longEntries: longEntries, longMask: longSize - 1, longestKey: longestKey)
    }

    /// The bytes `key[0..<length]` (1…24 of them) as three words: the first 8 bytes, zero-padded;
    /// for keys over 8 bytes the last 8 (over 16: bytes 8..<16, and the last 8 as the third),
    /// overlapping where the key is shorter than the words. `readable` says how many bytes from
    /// `key` may be loaded.
    @inline(__always)
    static func words(_ key: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> (UInt64, UInt64, UInt64) {
        let raw = UnsafeRawPointer(key)
        if length > 16 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self))
        }
        if length >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self), 0)
        }
        if readable >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            return (UInt64(littleEndian: word & (UInt64.max &>> UInt64((8 - length) &* 8))), 0, 0)
        }
        var word: UInt64 = 0
        for k in 0..<length { word |= UInt64(key[k]) << UInt64(k * 8) }
        return (UInt64(littleEndian: word), 0, 0)
    }

    @inline(__always)
    static func slot(_ word: UInt64) -> Int {
        Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) &>> 40)
    }

    @inline(__always)
    static func slot(_ words: (UInt64, UInt64, UInt64), _ length: Int) -> Int {
        let mixed = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ words.2 ^ UInt64(length)
        return Int(truncatingIfNeeded: mixed &>> 40)
    }

    /// The tables as the scanner reads them: pointers, no reference to count.
    struct Lookup: @unchecked Sendable {
        let wordEntries: UnsafePointer<WordEntry>
        let wordMask: Int
        let longEntries: UnsafePointer<LongEntry>
        let longMask: Int
        let longestKey: Int

        /// What to do with the value of a key of 1…8 bytes, given as its zero-padded word (in
        /// memory order).
        @inline(__always)
        func action(word: UInt64) -> Action {
            var i = ShortKeyTable.slot(word) & wordMask
            while true {
                let entry = wordEntries[i]
                if entry.word == word { return entry.action }
                if entry.word == 0 { return .ignore }
                i = (i + 1) & wordMask
            }
        }

        /// What to do with the value of the key `key[0..<length]`, `readable` bytes loadable
        /// from `key`.
        @inline(__always)
        func action(_ key: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> Action {
            if length == 0 || length > longestKey { return .ignore }
            if length > ShortKeyTable.maximumLength { return .tooLong }
            let words = ShortKeyTable.words(key, length, readable: readable)
            if length <= 8 { return action(word: words.0) }
            var i = ShortKeyTable.slot(words, length) & longMask
            while true {
                let entry = longEntries[i]
                if entry.length == length && entry.words == words { return entry.action }
                if entry.length == 0 { return .ignore }
                i = (i + 1) & longMask
            }
        }
    }
}
