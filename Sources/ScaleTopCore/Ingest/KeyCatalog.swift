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

    private var table: [UInt64: [(bytes: [UInt8], role: Role)]] = [:]
    /// The longest key worth matching; longer paths are skipped without a lookup.
    public private(set) var longestKey = 0

    /// - Parameter lossKey: when set, only this key is read as the loss (`--loss-key`).
    public init(lossKey: String? = nil) {
        for field in LogField.allCases {
            let aliases = (field == .loss && lossKey != nil) ? [lossKey!] : field.aliases
            for (rank, alias) in aliases.enumerated() {
                insert(Self.normalise(alias), .field(field, rank: UInt8(min(rank, 250))))
            }
        }
        insert(Self.normalise("run"), .runName)
    }

    private mutating func insert(_ bytes: [UInt8], _ role: Role) {
        let hash = bytes.withUnsafeBufferPointer { Self.hash($0.baseAddress!, 0, $0.count) }
        if table[hash]?.contains(where: { $0.bytes == bytes }) == true { return }
        table[hash, default: []].append((bytes, role))
        longestKey = max(longestKey, bytes.count)
    }

    static func normalise(_ key: String) -> [UInt8] {
        Array(key.utf8).map { $0 == UInt8(ascii: ".") ? UInt8(ascii: "/") : $0 }
    }

    /// FNV-1a over bytes that were already normalised.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in start..<(start + count) {
            h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The role of the normalised key path `base[0..<count]`, if scaletop reads it.
    @inline(__always)
    public func role(_ base: UnsafePointer<UInt8>, count: Int) -> Role? {
        guard count <= longestKey, count > 0 else { return nil }
        guard let candidates = table[Self.hash(base, 0, count)] else { return nil }
        for candidate in candidates where candidate.bytes.count == count {
            var equal = true
            for i in 0..<count where candidate.bytes[i] != base[i] {
                equal = false
                break
            }
            if equal { return candidate.role }
        }
        return nil
    }
}
