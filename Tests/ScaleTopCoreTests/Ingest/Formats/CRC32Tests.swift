import Foundation
import Testing
@testable import ScaleTopCore

/// True when /proc/cpuinfo lists all of `flags`.
private func cpuinfoLists(_ flags: String...) -> Bool {
    #if arch(x86_64) && os(Linux)
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
    guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
    let listed = Set(line.split(separator: " ").map(String.init))
    return flags.allSatisfy(listed.contains)
    #else
    return false
    #endif
}

/// True when the CPU lists SSE 4.2 (so CRC-32C should use the CPU's instruction).
private let cpuinfoListsSSE42 = cpuinfoLists("sse4_2")
/// True when the CPU lists the carry-less multiply and SSE 4.1 (so CRC-32 should fold with it).
private let cpuinfoListsPCLMUL = cpuinfoLists("pclmulqdq", "sse4_1")

/// A reflected CRC-32 one bit at a time, straight from the definition, to check the fast paths
/// against.
private func bitwiseCRC(_ bytes: ArraySlice<UInt8>, polynomial: UInt32 = 0x82F6_3B78) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        c ^= UInt32(b)
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ polynomial : c >> 1 }
    }
    return ~c
}

@Suite struct CRC32Tests {
    let check = Array("123456789".utf8)

    @Test func castagnoliCheckValue() {
        #expect(CRC32.castagnoli.checksum(check) == 0xE306_9283)
        #expect(CRC32.castagnoli.checksum([]) == 0)
        // RFC 3720 (iSCSI) test vector: 32 bytes of zeros.
        #expect(CRC32.castagnoli.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    }

    @Test func ieeeCheckValue() {
        #expect(CRC32.ieee.checksum(check) == 0xCBF4_3926)
    }

    @Test func continuingEqualsOnePass() {
        let whole = CRC32.castagnoli.checksum(check)
        let first = check.withUnsafeBytes { CRC32.castagnoli.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<4])) }
        let rest = check.withUnsafeBytes { CRC32.castagnoli.checksum(UnsafeRawBufferPointer(rebasing: $0[4...]), continuing: first) }
        #expect(rest == whole)
    }

    @Test func maskIsTheTFRecordRotation() {
        let crc: UInt32 = 0xE306_9283
        #expect(CRC32.masked(crc) == ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
        #expect(CRC32.masked(0) == 0xA282_EAD8)
    }

    @Test(.enabled(if: cpuinfoListsSSE42, "the CPU lists no SSE 4.2"))
    func castagnoliUsesTheCPUInstructionWhereThereIsOne() {
        #expect(CRC32.castagnoli.usesCPUInstruction)
        #expect(!CRC32(reflectedPolynomial: 0x82F6_3B78, allowingCPUInstruction: false).usesCPUInstruction)
    }

    @Test(.enabled(if: cpuinfoListsPCLMUL, "the CPU lists no PCLMULQDQ and SSE 4.1"))
    func ieeeFoldsWithTheCarrylessMultiplyWhereThereIsOne() {
        #expect(CRC32.ieee.usesCPUInstruction)
        #expect(!CRC32(reflectedPolynomial: 0xEDB8_8320, allowingCPUInstruction: false).usesCPUInstruction)
        // Another polynomial has neither instruction.
        #expect(!CRC32(reflectedPolynomial: 0xEB31_D82E).usesCPUInstruction)
    }

    /// Every length up to 80 at every alignment, and a few long buffers: the CPU path (where
    /// the machine has one), the eight tables and the bit-by-bit definition give one CRC.
    @Test func cpuInstructionTablesAndDefinitionAgree() {
        var rng = SplitMix64(seed: 20)
        let bytes = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let tables = CRC32(reflectedPolynomial: 0x82F6_3B78, allowingCPUInstruction: false)
        var ranges: [Range<Int>] = []
        for offset in 0..<8 { for length in 0...80 { ranges.append(offset..<(offset + length)) } }
        ranges += [3..<4_099, 1..<65_537, 0..<70_000]
        bytes.withUnsafeBytes { all in
            for range in ranges {
                let slice = UnsafeRawBufferPointer(rebasing: all[range])
                let expected = bitwiseCRC(bytes[range])
                #expect(CRC32.castagnoli.checksum(slice) == expected, "\(range)")
                #expect(tables.checksum(slice) == expected, "\(range)")
            }
        }
    }

    /// CRC-32 (IEEE) folded with the carry-less multiply (where the machine has it): every
    /// length up to 300 at every alignment, and long buffers, against the tables and the
    /// definition, started from a CRC carried over as well as from nothing.
    @Test func ieeeFoldTablesAndDefinitionAgree() {
        var rng = SplitMix64(seed: 32)
        let bytes = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let tables = CRC32(reflectedPolynomial: 0xEDB8_8320, allowingCPUInstruction: false)
        var ranges: [Range<Int>] = []
        for offset in 0..<16 { for length in stride(from: 0, through: 300, by: offset < 2 ? 1 : 7) { ranges.append(offset..<(offset + length)) } }
        ranges += [3..<4_099, 1..<65_537, 0..<70_000, 5..<32_773]
        bytes.withUnsafeBytes { all in
            for range in ranges {
                let slice = UnsafeRawBufferPointer(rebasing: all[range])
                let expected = bitwiseCRC(bytes[range], polynomial: 0xEDB8_8320)
                #expect(CRC32.ieee.checksum(slice) == expected, "\(range)")
                #expect(tables.checksum(slice) == expected, "\(range)")
                let before = UnsafeRawBufferPointer(rebasing: all[0..<range.lowerBound])
                let carried = CRC32.ieee.checksum(before)
                let whole = bitwiseCRC(bytes[0..<range.upperBound], polynomial: 0xEDB8_8320)
                #expect(CRC32.ieee.checksum(slice, continuing: carried) == whole, "\(range) continued")
            }
        }
    }

    /// The IEEE tables against the definition, whole and continued across every cut.
    @Test func ieeeTablesAgreeWithTheDefinitionAcrossEveryCut() {
        var rng = SplitMix64(seed: 7)
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let whole = bitwiseCRC(bytes[...], polynomial: 0xEDB8_8320)
        #expect(CRC32.ieee.checksum(bytes) == whole)
        for cut in 0...bytes.count {
            let first = CRC32.ieee.checksum(Array(bytes[..<cut]))
            let rest = Array(bytes[cut...]).withUnsafeBytes { CRC32.ieee.checksum($0, continuing: first) }
            #expect(rest == whole)
        }
    }
}
