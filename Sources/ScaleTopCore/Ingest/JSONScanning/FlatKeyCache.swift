/// The keys of the last line the fast path read, by position: lines of one log repeat the same
/// keys in the same order, so a key is usually recognised by comparing the line's next bytes
/// with the key (and its closing quote) seen at that position before, one or two word compares
/// in place of finding the key's end and looking it up.
///
/// The entries live inside the struct (no heap), so every copy of a scanner has its own and
/// scanners on different threads share nothing.
struct FlatKeyCache {
    /// Positions remembered; the keys after them are read the ordinary way.
    static let positions = 16

    struct Entry {
        /// The key and its closing quote, up to 16 bytes as two words (little-endian values),
        /// and masks of the bytes that belong to them.
        var low: UInt64 = 0
        var lowMask: UInt64 = 0
        var high: UInt64 = 0
        var highMask: UInt64 = 0
        /// The key's length; 0 for an empty entry.
        var length = 0
        var action = ShortKeyTable.Action.ignore
    }

    private var entries: (
        Entry, Entry, Entry, Entry, Entry, Entry, Entry, Entry,
        Entry, Entry, Entry, Entry, Entry, Entry, Entry, Entry
    ) = (
        Entry(), Entry(), Entry(), Entry(), Entry(), Entry(), Entry(), Entry(),
        Entry(), Entry(), Entry(), Entry(), Entry(), Entry(), Entry(), Entry()
    )

    /// Runs `body` with the entries as a pointer to `positions` of them.
    @inline(__always)
    mutating func withEntries<R>(_ body: (UnsafeMutablePointer<Entry>) -> R) -> R {
        withUnsafeMutableBytes(of: &entries) { body($0.baseAddress!.assumingMemoryBound(to: Entry.self)) }
    }

    /// The length and action of the key at `key` when it is the one `entry` holds; needs 16
    /// bytes loadable from `key`.
    @inline(__always)
    static func match(_ entry: UnsafeMutablePointer<Entry>, _ key: UnsafePointer<UInt8>) -> (Int, ShortKeyTable.Action)? {
        let raw = UnsafeRawPointer(key)
        let low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let e = entry.pointee
        guard e.length != 0, low & e.lowMask == e.low, high & e.highMask == e.high else { return nil }
        return (e.length, e.action)
    }

    /// Remembers the plain key `key[0..<length]` (its closing quote follows it) and its action,
    /// when the key and quote fit 16 bytes; needs 16 bytes loadable from `key`.
    @inline(__always)
    static func remember(_ entry: UnsafeMutablePointer<Entry>, _ key: UnsafePointer<UInt8>, _ length: Int, _ action: ShortKeyTable.Action) {
        let bytes = length &+ 1
        guard bytes <= 16 else {
            entry.pointee.length = 0
            return
        }
        let raw = UnsafeRawPointer(key)
        let lowMask = bytes >= 8 ? UInt64.max : UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- bytes &* 8)
        let highMask = bytes <= 8 ? 0 : UInt64.max &>> UInt64(truncatingIfNeeded: 128 &- bytes &* 8)
        entry.pointee = Entry(
            low: UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & lowMask, lowMask: lowMask,
            high: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & highMask, highMask: highMask,
            length: length, action: action)
    }
}
