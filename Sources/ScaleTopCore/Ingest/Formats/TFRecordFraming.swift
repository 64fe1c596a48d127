/// Cuts a TFRecord stream (TensorBoard event files) into records: a u64 little-endian length,
/// the masked CRC-32C of those 8 bytes, the payload, the masked CRC-32C of the payload. Bytes
/// in, complete and verified payloads out; a partial last record waits for the rest.
///
/// A payload whose CRC fails is one bad record (its length was verified, so reading goes on
/// after it). A length whose CRC fails cannot be trusted: the framing slides byte by byte to
/// the next verified header, counting one bad record for the bytes skipped.
public struct TFRecordFraming: Sendable {
    public enum Failure: Sendable, Equatable {
        case badChecksum
        case tooLong
    }

    public static let headerLength = 12
    public let maximumLength: Int
    private var buffer: [UInt8] = []
    /// Bytes of an over-long record still to be dropped (a length near 2^64 is more than any
    /// file holds: the rest of the file is dropped).
    private var discarding: UInt64 = 0
    /// Sliding to the next verified header after a corrupt one.
    private var resynchronising = false

    public init(maximumLength: Int = 64 << 20) {
        self.maximumLength = maximumLength
    }

    /// Bytes of an incomplete record waiting for the rest.
    public var pendingCount: Int { buffer.count }

    public mutating func reset() {
        buffer = []
        discarding = 0
        resynchronising = false
    }

    /// The length in the 12-byte header at `p`, if its CRC verifies.
    @inline(__always)
    static func verifiedLength(_ p: UnsafePointer<UInt8>) -> UInt64? {
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(p[k]) << (8 * UInt64(k)) }
        let stored = UInt32(p[8]) | UInt32(p[9]) << 8 | UInt32(p[10]) << 16 | UInt32(p[11]) << 24
        let crc = CRC32.castagnoli.checksum(UnsafeRawBufferPointer(start: p, count: 8))
        return CRC32.masked(crc) == stored ? length : nil
    }

    public mutating func consume(
        _ chunk: UnsafeRawBufferPointer,
        record: (UnsafeRawBufferPointer) -> Void,
        failure: (Failure) -> Void
    ) {
        var chunk = chunk
        if discarding > 0 {
            let n = Int(min(discarding, UInt64(chunk.count)))
            discarding -= UInt64(n)
            chunk = UnsafeRawBufferPointer(rebasing: chunk[n...])
            if chunk.isEmpty { return }
        }
        buffer.append(contentsOf: chunk)
        var start = 0
        let maximum = maximumLength
        buffer.withUnsafeBufferPointer { all in
            guard let p = all.baseAddress else { return }
            let end = all.count
            while end - start >= Self.headerLength {
                guard let length = Self.verifiedLength(p + start) else {
                    if !resynchronising {
                        resynchronising = true
                        failure(.badChecksum)
                    }
                    start += 1
                    continue
                }
                if length > UInt64(maximum) {
                    resynchronising = false
                    failure(.tooLong)
                    // In 64-bit unsigned arithmetic that saturates: a length near 2^64 must not
                    // wrap into a small or negative total.
                    let (sum, overflow) = length.addingReportingOverflow(UInt64(Self.headerLength + 4))
                    let total = overflow ? UInt64.max : sum
                    let available = UInt64(end - start)
                    if total <= available {
                        start += Int(total)
                        continue
                    }
                    discarding = total - available
                    start = end
                    break
                }
                let total = Self.headerLength + Int(length) + 4
                guard end - start >= total else { break }
                let payload = UnsafeRawBufferPointer(start: p + start + Self.headerLength, count: Int(length))
                let q = p + start + Self.headerLength + Int(length)
                let stored = UInt32(q[0]) | UInt32(q[1]) << 8 | UInt32(q[2]) << 16 | UInt32(q[3]) << 24
                resynchronising = false
                if CRC32.masked(CRC32.castagnoli.checksum(payload)) == stored {
                    record(payload)
                } else {
                    failure(.badChecksum)
                }
                start += total
            }
        }
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.count <= 1 << 20)
        } else if start > 0 {
            buffer.removeFirst(start)
        }
    }
}
