#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a byte stream into lines. A last line without its newline is not yet a line: it waits
/// for the rest. A line longer than `maximumLength` is dropped up to its newline and reported
/// once, so a 50 MB line never needs 50 MB.
public struct LineAssembler: Sendable {
    public let maximumLength: Int
    private var pending: [UInt8] = []
    private var discarding = false

    public init(maximumLength: Int = 4 << 20) {
        self.maximumLength = maximumLength
    }

    /// Bytes waiting for their newline.
    public var pendingCount: Int { pending.count }

    public mutating func reset() {
        pending = []
        discarding = false
    }

    /// Feeds `chunk`; calls `line` for each complete line (without its newline) and `overlong`
    /// once for each line that was too long.
    @inline(__always)
    public mutating func consume(
        _ chunk: UnsafeRawBufferPointer,
        line: (UnsafeRawBufferPointer) -> Void,
        overlong: () -> Void
    ) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var start = 0
        let end = chunk.count
        while start < end {
            guard let found = memchr(base + start, 0x0A, end - start) else { break }
            let newline = base.distance(to: UnsafeRawPointer(found))
            if discarding {
                discarding = false
            } else if pending.isEmpty {
                if newline - start > maximumLength {
                    overlong()
                } else {
                    line(UnsafeRawBufferPointer(start: base + start, count: newline - start))
                }
            } else {
                if pending.count + (newline - start) > maximumLength {
                    overlong()
                } else {
                    pending.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: newline - start))
                    pending.withUnsafeBytes { line($0) }
                }
                pending.removeAll(keepingCapacity: pending.count <= 1 << 16)
            }
            start = newline + 1
        }
        guard start < end, !discarding else { return }
        if pending.count + (end - start) > maximumLength {
            overlong()
            pending = []
            discarding = true
        } else {
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end - start))
        }
    }

    /// Hands over the unterminated last line, if any (for one-shot reads of finished files).
    public mutating func flush(line: (UnsafeRawBufferPointer) -> Void) {
        if !pending.isEmpty && !discarding { pending.withUnsafeBytes { line($0) } }
        reset()
    }
}
