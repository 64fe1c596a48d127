import Testing
@testable import ScaleTopCore

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
}
