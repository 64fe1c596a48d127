#if canImport(CCRC32C)
import CCRC32C
#endif

/// Reflected CRC-32 for one polynomial: `castagnoli` (CRC-32C, TFRecord framing) and `ieee`
/// (zlib's CRC-32, W&B's record log). CRC-32C uses the CPU's instruction where there is one
/// (SSE 4.2); CRC-32 has no instruction of its own, so it folds 64 bytes a step with the
/// carry-less multiply where there is one (PCLMULQDQ). Otherwise, for the last bytes of a fold
/// and for other polynomials, eight tables take eight bytes a step (slicing-by-8).
public struct CRC32: Sendable {
    /// Eight tables of 256 entries: table 0 is the byte-at-a-time table, table k gives the
    /// effect of a byte followed by k zero bytes.
    private let tables: [UInt32]
    /// True when `checksum` uses the CPU's CRC-32C instruction.
    private let usesCRC32CInstruction: Bool
    /// True when `checksum` folds CRC-32 (IEEE) with the carry-less multiply.
    private let usesCarrylessMultiply: Bool
    /// True when `checksum` uses one of the CPU's instructions rather than the tables alone.
    public var usesCPUInstruction: Bool { usesCRC32CInstruction || usesCarrylessMultiply }

    /// `allowingCPUInstruction: false` keeps to the tables (to compare the two paths).
    public init(reflectedPolynomial polynomial: UInt32, allowingCPUInstruction: Bool = true) {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var c = UInt32(byte)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ polynomial : c >> 1 }
            tables[byte] = c
        }
        for k in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(k - 1) * 256 + byte]
                tables[k * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        self.tables = tables
        usesCRC32CInstruction = allowingCPUInstruction && polynomial == 0x82F6_3B78 && Self.cpuHasCRC32C
        usesCarrylessMultiply = allowingCPUInstruction && polynomial == 0xEDB8_8320 && Self.cpuHasCarrylessMultiply
    }

    private static let cpuHasCRC32C: Bool = {
        #if canImport(CCRC32C)
        return scaletop_crc32c_cpu_available() != 0
        #else
        return false
        #endif
    }()

    private static let cpuHasCarrylessMultiply: Bool = {
        #if canImport(CCRC32C)
        return scaletop_crc32_clmul_available() != 0
        #else
        return false
        #endif
    }()

    /// Shortest input folded with the carry-less multiply: the fold starts from 64 bytes.
    private static let shortestFold = 64

    /// CRC-32C (Castagnoli): "123456789" gives 0xE3069283.
    public static let castagnoli = CRC32(reflectedPolynomial: 0x82F6_3B78)
    /// CRC-32 (IEEE 802.3, zlib): "123456789" gives 0xCBF43926.
    public static let ieee = CRC32(reflectedPolynomial: 0xEDB8_8320)

    /// Continues `crc` (the finished value of the bytes before, 0 to start) over `bytes`.
    @inline(__always)
    public func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        var state = ~crc
        var done = 0
        #if canImport(CCRC32C)
        if usesCRC32CInstruction { return ~scaletop_crc32c_cpu_update(state, base, bytes.count) }
        if usesCarrylessMultiply, bytes.count >= Self.shortestFold {
            // Whole 16-byte blocks are folded; the tables take the rest.
            done = bytes.count & ~15
            state = scaletop_crc32_clmul_fold(state, base, done)
        }
        #endif
        let rest = bytes.count - done
        return ~tables.withUnsafeBufferPointer { Self.slicingBy8($0.baseAddress!, state, base + done, rest) }
    }

    public func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The raw CRC state `c` carried over `count` bytes at `p`, eight at a time.
    private static func slicingBy8(_ t: UnsafePointer<UInt32>, _ c: UInt32, _ p: UnsafeRawPointer, _ count: Int) -> UInt32 {
        var c = c
        var i = 0
        while count - i >= 8 {
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let low = UInt32(truncatingIfNeeded: word) ^ c
            let high = UInt32(truncatingIfNeeded: word >> 32)
            c = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                ^ t[256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
            i += 8
        }
        while i < count {
            c = t[Int((c ^ UInt32(p.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)] ^ (c >> 8)
            i += 1
        }
        return c
    }

    /// The masking TFRecord (and LevelDB) apply to stored CRCs.
    @inline(__always)
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}
