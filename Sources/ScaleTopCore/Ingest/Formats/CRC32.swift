/// Table-driven, reflected CRC-32 for one polynomial: `castagnoli` (CRC-32C, TFRecord framing)
/// and `ieee` (zlib's CRC-32, W&B's record log).
public struct CRC32: Sendable {
    private let table: [UInt32]

    public init(reflectedPolynomial polynomial: UInt32) {
        table = (0..<256).map { byte -> UInt32 in
            var c = UInt32(byte)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ polynomial : c >> 1 }
            return c
        }
    }

    /// CRC-32C (Castagnoli): "123456789" gives 0xE3069283.
    public static let castagnoli = CRC32(reflectedPolynomial: 0x82F6_3B78)
    /// CRC-32 (IEEE 802.3, zlib): "123456789" gives 0xCBF43926.
    public static let ieee = CRC32(reflectedPolynomial: 0xEDB8_8320)

    /// Continues `crc` (the finished value of the bytes before, 0 to start) over `bytes`.
    @inline(__always)
    public func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return ~c
    }

    public func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The masking TFRecord (and LevelDB) apply to stored CRCs.
    @inline(__always)
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}
