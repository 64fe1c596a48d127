/// Cuts a W&B run file (`run-*.wandb`) into records. The file starts with a 7-byte header
/// (`:W&B`, a u16 magic, a version byte), then LevelDB-log framing in 32 KiB blocks counted
/// from the start of the file: each physical record has a 7-byte header (CRC, u16
/// little-endian length, type FULL=1 / FIRST=2 / MIDDLE=3 / LAST=4) and never crosses a block;
/// a block tail shorter than a header is zero padding. W&B stores the plain CRC-32 (zlib) of
/// the type byte and the data, unmasked (checked against files written by wandb 0.31).
///
/// Bytes in, complete logical records out; a partial record waits for the rest. A CRC failure
/// is one bad record: the physical record is skipped by its length, and when the next one
/// fails too the rest of the block is dropped (the length itself may be what was corrupted).
public struct WandbRecordFraming: Sendable {
    public enum Failure: Sendable, Equatable {
        case badHeader
        case badChecksum
        /// A FIRST/MIDDLE/LAST sequence was broken.
        case brokenFragment
        /// A FIRST/MIDDLE/LAST sequence grew past `maximumLength`: dropped up to its LAST.
        case tooLong
    }

    public static let blockSize = 32 * 1024
    public static let fileHeaderLength = 7
    public static let recordHeaderLength = 7

    /// Longest logical record kept (W&B's own records are a few KB to a few MB).
    public let maximumLength: Int
    private var buffer: [UInt8] = []
    /// File offset of `buffer[0]`.
    private var offset = 0
    private var fragment: [UInt8] = []
    private var inFragment = false
    /// The record being assembled went over the limit: its later fragments are dropped.
    private var discardingFragment = false
    private var headerChecked = false
    /// The file is not a W&B file: nothing more is read.
    private var rejected = false
    /// A record failed its CRC and no good record came since.
    private var failing = false

    public init(maximumLength: Int = 64 << 20) {
        self.maximumLength = maximumLength
    }

    public var pendingCount: Int { buffer.count + fragment.count }

    public mutating func reset() {
        self = WandbRecordFraming(maximumLength: maximumLength)
    }

    /// True when `bytes` start like a W&B run file.
    public static func hasFileHeader(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x3A && bytes[1] == 0x57 && bytes[2] == 0x26 && bytes[3] == 0x42
    }

    public mutating func consume(
        _ chunk: UnsafeRawBufferPointer,
        record: (UnsafeRawBufferPointer) -> Void,
        failure: (Failure) -> Void
    ) {
        guard !rejected else { return }
        buffer.append(contentsOf: chunk)
        var start = 0
        let end = buffer.count
        if !headerChecked {
            guard end >= Self.fileHeaderLength else { return }
            guard buffer.withUnsafeBytes({ Self.hasFileHeader($0) }) else {
                rejected = true
                buffer = []
                failure(.badHeader)
                return
            }
            headerChecked = true
            start = Self.fileHeaderLength
        }
        while true {
            let position = offset + start
            let blockLeft = Self.blockSize - position % Self.blockSize
            if blockLeft < Self.recordHeaderLength {
                guard end - start >= blockLeft else { break }
                start += blockLeft
                continue
            }
            guard end - start >= Self.recordHeaderLength else { break }
            let stored = UInt32(buffer[start]) | UInt32(buffer[start + 1]) << 8 | UInt32(buffer[start + 2]) << 16 | UInt32(buffer[start + 3]) << 24
            let length = Int(buffer[start + 4]) | Int(buffer[start + 5]) << 8
            let type = buffer[start + 6]
            if type == 0 && length == 0 && stored == 0 {
                // Zero fill (preallocated space, or padding): the rest of the block is empty.
                guard end - start >= blockLeft else { break }
                start += blockLeft
                continue
            }
            let total = Self.recordHeaderLength + length
            if total > blockLeft {
                // Cannot be a record: the header is garbage. Drop the rest of the block.
                noteFailure(.badChecksum, failure)
                guard end - start >= blockLeft else { break }
                start += blockLeft
                continue
            }
            guard end - start >= total else { break }
            let ok: Bool = buffer.withUnsafeBytes { all in
                let crc = CRC32.ieee.checksum(UnsafeRawBufferPointer(rebasing: all[(start + 6)..<(start + total)]))
                return crc == stored
            }
            guard ok else {
                if failing {
                    // A second failure in a row: the lengths cannot be trusted, drop the block.
                    guard end - start >= blockLeft else { break }
                    start += blockLeft
                    continue
                }
                noteFailure(.badChecksum, failure)
                if inFragment { inFragment = false; fragment.removeAll(keepingCapacity: true) }
                start += total
                continue
            }
            failing = false
            let dataStart = start + Self.recordHeaderLength
            switch type {
            case 1:
                if inFragment { failure(.brokenFragment); inFragment = false; fragment.removeAll(keepingCapacity: true) }
                discardingFragment = false
                if total - Self.recordHeaderLength > maximumLength {
                    failure(.tooLong)
                } else {
                    buffer.withUnsafeBytes { record(UnsafeRawBufferPointer(rebasing: $0[dataStart..<(start + total)])) }
                }
            case 2:
                if inFragment { failure(.brokenFragment) }
                fragment.removeAll(keepingCapacity: true)
                // A limit under a block's size can be passed by the first fragment alone.
                let tooLong = total - Self.recordHeaderLength > maximumLength
                if tooLong { failure(.tooLong) } else { fragment.append(contentsOf: buffer[dataStart..<(start + total)]) }
                inFragment = !tooLong
                discardingFragment = tooLong
            case 3, 4:
                if discardingFragment {
                    // The rest of a record already counted as too long.
                    if type == 4 { discardingFragment = false }
                } else if !inFragment {
                    failure(.brokenFragment)
                } else if fragment.count + (total - Self.recordHeaderLength) > maximumLength {
                    failure(.tooLong)
                    inFragment = false
                    discardingFragment = type == 3
                    fragment = []
                } else {
                    fragment.append(contentsOf: buffer[dataStart..<(start + total)])
                    if type == 4 {
                        inFragment = false
                        fragment.withUnsafeBytes { record($0) }
                        fragment.removeAll(keepingCapacity: fragment.count <= 1 << 20)
                    }
                }
            default:
                noteFailure(.badChecksum, failure)
            }
            start += total
        }
        if start > 0 {
            offset += start
            if start == buffer.count { buffer.removeAll(keepingCapacity: true) } else { buffer.removeFirst(start) }
        }
    }

    private mutating func noteFailure(_ kind: Failure, _ failure: (Failure) -> Void) {
        if !failing { failure(kind) }
        failing = true
    }
}
