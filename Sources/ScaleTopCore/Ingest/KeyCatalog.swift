/// Maps normalised key paths (bytes, nesting joined by `/`, `.` read as `/`) to the field they
/// mean and the alias's rank. Lookup hashes the bytes, so no String is built per key.
public struct KeyCatalog: Sendable {
    public struct Entry: Sendable {
        public let field: LogField
        public let rank: UInt8
        let bytes: [UInt8]
    }

    /// What a key can be besides a field.
    public enum Role: Sendable, Equatable {
        case field(LogField, rank: UInt8)
        case runName
    }

    private struct Slot: Sendable {
        var hash: UInt64
        var bytes: [UInt8]
        var role: Role
    }

    /// Open addressing, linear probing; a power-of-two size at most half full, so a lookup is a
    /// mask, usually one comparison of the hash and one of the bytes.
    private var slots: [Slot?] = Array(repeating: nil, count: 256)
    private var mask: UInt64 { UInt64(slots.count - 1) }
    /// The longest key worth matching; longer paths are skipped without a lookup.
    public private(set) var longestKey = 0

    /// - Parameter lossKey: when set, only this key is read as the loss (`--loss-key`).
    public init(lossKey: String? = nil) {
        for field in LogField.allCases {
            var aliases = field.aliases
            if let lossKey {
                // Only this key is a loss: the run's one series.
                if field == .loss { aliases = [lossKey] } else if field == .evalLoss { aliases = [] }
            }
            for (rank, alias) in aliases.enumerated() {
                insert(Self.normalise(alias), .field(field, rank: UInt8(min(rank, 250))))
            }
        }
        // Keys that describe a run also under one prefix (`{"config": {"n_params": 1.2e8}}`),
        // at a lower priority than the bare key. Only those that fit the fast path's key table,
        // so that the scan of a flat line is not slowed by longer keys.
        for field in LogField.allCases where field.describesRun {
            for prefix in Self.runKeyPrefixes {
                for (rank, alias) in field.aliases.enumerated() {
                    let key = Self.normalise(prefix + alias)
                    if key.count <= ShortKeyTable.maximumLength {
                        insert(key, .field(field, rank: UInt8(min(field.aliases.count + rank, 250))))
                    }
                }
            }
        }
        insert(Self.normalise("run"), .runName)
    }

    private mutating func insert(_ bytes: [UInt8], _ role: Role) {
        let hash = bytes.withUnsafeBufferPointer { Self.hash($0.baseAddress!, 0, $0.count) }
        var i = Int(hash & mask)
        while let slot = slots[i] {
            if slot.bytes == bytes { return }
            i = (i + 1) & Int(mask)
        }
        slots[i] = Slot(hash: hash, bytes: bytes, role: role)
        longestKey = max(longestKey, bytes.count)
    }

    /// Every normalised key and its role.
    var keys: [(bytes: [UInt8], role: Role)] {
        slots.compactMap { $0.map { (bytes: $0.bytes, role: $0.role) } }
    }

    /// Prefixes under which run-describing keys are also read.
    public static let runKeyPrefixes = ["config/", "model/"]

    static func normalise(_ key: String) -> [UInt8] {
        Array(key.utf8).map { $0 == UInt8(ascii: ".") ? UInt8(ascii: "/") : $0 }
    }

    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One FNV-1a step; the scanner hashes key paths with it as it copies them.
    @inline(__always)
    static func hashStep(_ h: UInt64, _ byte: UInt8) -> UInt64 {
        (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// FNV-1a over bytes that were already normalised.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> UInt64 {
        var h = hashSeed
        for i in start..<(start + count) { h = hashStep(h, base[i]) }
        return h
    }

    /// The role of the normalised key path `base[0..<count]`, if scaletop reads it.
    @inline(__always)
    public func role(_ base: UnsafePointer<UInt8>, count: Int) -> Role? {
        guard count <= longestKey, count > 0 else { return nil }
        return role(base, count: count, hash: Self.hash(base, 0, count))
    }

    /// The same, with the path's hash already computed.
    @inline(__always)
    public func role(_ base: UnsafePointer<UInt8>, count: Int, hash: UInt64) -> Role? {
        guard count <= longestKey, count > 0 else { return nil }
        var i = Int(hash & mask)
        while let slot = slots[i] {
            if slot.hash == hash && slot.bytes.count == count {
                let equal = slot.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, count) == 0 }
                if equal { return slot.role }
            }
            i = (i + 1) & Int(mask)
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
