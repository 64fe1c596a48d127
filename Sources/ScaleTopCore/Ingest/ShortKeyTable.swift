/// The catalog's keys of at most 16 bytes, stored as two 8-byte words each, so a key read from
/// a line is looked up with two loads, a multiply and two compares: no hashing byte by byte and
/// no `memcmp`. Longer keys go to `KeyCatalog.role`.
struct ShortKeyTable: Sendable {
    static let maximumLength = 16

    struct Entry: Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length = 0
        var role: KeyCatalog.Role?
    }

    /// Open addressing, linear probing, at most a quarter full.
    private var entries: ContiguousArray<Entry>
    private let mask: Int

    init(_ catalog: KeyCatalog) {
        let keys = catalog.keys.filter { $0.bytes.count <= Self.maximumLength && !$0.bytes.isEmpty }
        var size = 16
        while size < 4 * keys.count { size *= 2 }
        entries = ContiguousArray(repeating: Entry(), count: size)
        mask = size - 1
        for key in keys {
            let (low, high) = key.bytes.withUnsafeBufferPointer { Self.words($0.baseAddress!, key.bytes.count, readable: key.bytes.count) }
            var i = Self.slot(low, high, key.bytes.count) & mask
            while entries[i].length != 0 { i = (i + 1) & mask }
            entries[i] = Entry(low: low, high: high, length: key.bytes.count, role: key.role)
        }
    }

    /// The bytes `key[0..<length]` (1…16 of them) as two words: the first 8 bytes, zero-padded,
    /// and, for keys over 8 bytes, the last 8 (overlapping the first when shorter than 16).
    /// `readable` says how many bytes from `key` may be loaded.
    @inline(__always)
    static func words(_ key: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(key)
        if length >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self))
        }
        if readable >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            return (word & ((1 << UInt64(length * 8)) &- 1), 0)
        }
        var word: UInt64 = 0
        for k in 0..<length { word |= UInt64(key[k]) << UInt64(k * 8) }
        return (word, 0)
    }

    @inline(__always)
    static func slot(_ low: UInt64, _ high: UInt64, _ length: Int) -> Int {
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        return Int(truncatingIfNeeded: mixed >> 40)
    }

    /// Runs `body` with a view of the table that looks keys up without retaining anything.
    @inline(__always)
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        entries.withUnsafeBufferPointer { body(Lookup(entries: $0.baseAddress!, mask: mask)) }
    }

    struct Lookup {
        let entries: UnsafePointer<Entry>
        let mask: Int

        /// The role of the key `key[0..<length]`, 1…16 bytes, `readable` bytes loadable from `key`.
        @inline(__always)
        func role(_ key: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> KeyCatalog.Role? {
            let (low, high) = ShortKeyTable.words(key, length, readable: readable)
            var i = ShortKeyTable.slot(low, high, length) & mask
            while true {
                let entry = entries[i]
                if entry.length == 0 { return nil }
                if entry.low == low && entry.high == high && entry.length == length { return entry.role }
                i = (i + 1) & mask
            }
        }
    }
}
