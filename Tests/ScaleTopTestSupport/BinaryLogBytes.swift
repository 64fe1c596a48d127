import ScaleTopCore

/// Builds the bytes of binary logs by their published framing, for tests that need records no
/// logger writes (lengths near 2^64, records that never end).
public enum BinaryLogBytes {
    /// A TFRecord header: the u64 little-endian `length` and the masked CRC-32C of those 8 bytes.
    public static func tfRecordHeader(length: UInt64) -> [UInt8] {
        let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
        return lengthBytes + littleEndian(CRC32.masked(CRC32.castagnoli.checksum(lengthBytes)))
    }

    /// A whole TFRecord around `payload`.
    public static func tfRecord(_ payload: [UInt8]) -> [UInt8] {
        tfRecordHeader(length: UInt64(payload.count)) + payload + littleEndian(CRC32.masked(CRC32.castagnoli.checksum(payload)))
    }

    static func littleEndian(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) } }
}

/// Writes a W&B run file: the 7-byte file header, then physical records (FULL=1, FIRST=2,
/// MIDDLE=3, LAST=4) in 32 KiB blocks, each with the zlib CRC-32 of its type and data; a block
/// tail too short for a header is zero-padded.
public struct WandbLogBytes {
    public private(set) var bytes: [UInt8] = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00]
    static let block = 32 * 1024

    public init() {}

    /// Room left in the current block for data after a header (0 when only padding fits).
    public var roomInBlock: Int { max(0, Self.block - bytes.count % Self.block - 7) }

    /// Appends one physical record of `type` (its data must fit the block: see `roomInBlock`).
    public mutating func append(type: UInt8, _ data: ArraySlice<UInt8>) {
        padIfNeeded()
        precondition(data.count <= roomInBlock)
        let crc = CRC32.ieee.checksum([type] + data)
        bytes += BinaryLogBytes.littleEndian(crc) + [UInt8(data.count & 0xFF), UInt8(data.count >> 8), type] + data
    }

    /// Appends one logical record, cut into FULL or FIRST / MIDDLE... / LAST as the blocks need.
    public mutating func appendRecord(_ data: [UInt8]) {
        padIfNeeded()
        if data.count <= roomInBlock { append(type: 1, data[...]); return }
        var rest = data[...]
        var first = true
        while !rest.isEmpty {
            padIfNeeded()
            let n = min(rest.count, roomInBlock)
            let last = n == rest.count
            append(type: first ? 2 : (last ? 4 : 3), rest.prefix(n))
            rest = rest.dropFirst(n)
            first = false
        }
    }

    mutating func padIfNeeded() {
        let left = Self.block - bytes.count % Self.block
        if left < 8 { bytes += [UInt8](repeating: 0, count: left) }
    }
}
