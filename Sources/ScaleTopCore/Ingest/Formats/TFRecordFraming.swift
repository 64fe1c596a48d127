/// Cuts a TFRecord stream (TensorBoard event files) into records: a u64 little-endian length,
/// the masked CRC-32C of those 8 bytes, the payload, the masked CRC-32C of the payload. Bytes
/// in, complete and verified payloads out; a partial last record waits for the rest.
///
/// A payload whose CRC fails is one bad record (its length was verified, so reading goes on
/// after it). A length whose CRC fails cannot be trusted: the framing slides byte by byte to
/// the next verified header, counting one bad record for the bytes skipped.
///
/// Records are framed where they lie in the bytes given; only a record cut by the end of those
/// bytes is copied, to wait for the rest.
public struct TFRecordFraming: Sendable {
    public enum Failure: Sendable, Equatable {
        case badChecksum
        case tooLong
    }

    public static let headerLength = 12
    public let maximumLength: Int
    /// The start of a record cut by the end of the last bytes given.
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
        verifiedLength(p, CRC32.castagnoli)
    }

    @inline(__always)
    private static func verifiedLength(_ p: UnsafePointer<UInt8>, _ crc: CRC32) -> UInt64? {
        let length = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let stored = UInt32(littleEndian: UnsafeRawPointer(p + 8).loadUnaligned(as: UInt32.self))
        return CRC32.masked(crc.checksum(UnsafeRawBufferPointer(start: p, count: 8))) == stored ? length : nil
    }

    public mutating func consume(
        _ chunk: UnsafeRawBufferPointer,
        record: (UnsafeRawBufferPointer) -> Void,
        failure: (Failure) -> Void
    ) {
        let crc = CRC32.castagnoli
        var rest = chunk
        while !rest.isEmpty {
            if discarding > 0 {
                let n = Int(min(discarding, UInt64(rest.count)))
                discarding -= UInt64(n)
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
                continue
            }
            if buffer.isEmpty {
                let used = Self.frame(
                    rest, maximum: maximumLength, crc: crc, resynchronising: &resynchronising, discarding: &discarding,
                    record: record, failure: failure)
                if used < rest.count { buffer.append(contentsOf: rest[used...]) }
                return
            }
            // Completes the record cut by the last bytes' end (or at least its header), then
            // frames the rest where it lies.
            let take = min(bytesToProgress(crc), rest.count)
            buffer.append(contentsOf: rest[..<take])
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            let used = buffer.withUnsafeBytes {
                Self.frame(
                    $0, maximum: maximumLength, crc: crc, resynchronising: &resynchronising, discarding: &discarding,
                    record: record, failure: failure)
            }
            if used == buffer.count {
                buffer.removeAll(keepingCapacity: buffer.count <= 1 << 20)
            } else if used > 0 {
                buffer.removeFirst(used)
            }
        }
    }

    /// Bytes the buffer needs before framing can move on: the rest of a header, or the rest of
    /// the record whose verified header it holds.
    private func bytesToProgress(_ crc: CRC32) -> Int {
        let wanted = buffer.count < Self.headerLength
            ? 4096
            : buffer.withUnsafeBufferPointer { b in
                Self.verifiedLength(b.baseAddress!, crc).map { Self.headerLength + Int($0) + 4 } ?? 4096
            }
        return max(1, wanted - buffer.count)
    }

    /// Frames the complete records in `bytes`; returns how many bytes were used (the rest is a
    /// record or header cut by the end).
    private static func frame(
        _ bytes: UnsafeRawBufferPointer,
        maximum: Int,
        crc: CRC32,
        resynchronising: inout Bool,
        discarding: inout UInt64,
        record: (UnsafeRawBufferPointer) -> Void,
        failure: (Failure) -> Void
    ) -> Int {
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let end = bytes.count
        var start = 0
        while end - start >= headerLength {
            guard let length = verifiedLength(p + start, crc) else {
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
                let (sum, overflow) = length.addingReportingOverflow(UInt64(headerLength + 4))
                let total = overflow ? UInt64.max : sum
                let available = UInt64(end - start)
                if total <= available {
                    start += Int(total)
                    continue
                }
                discarding = total - available
                return end
            }
            let total = headerLength + Int(length) + 4
            guard end - start >= total else { break }
            let payload = UnsafeRawBufferPointer(start: p + start + headerLength, count: Int(length))
            let stored = UInt32(littleEndian: UnsafeRawPointer(p + start + headerLength + Int(length)).loadUnaligned(as: UInt32.self))
            resynchronising = false
            if CRC32.masked(crc.checksum(payload)) == stored {
                record(payload)
            } else {
                failure(.badChecksum)
            }
            start += total
        }
        return start
    }
}
