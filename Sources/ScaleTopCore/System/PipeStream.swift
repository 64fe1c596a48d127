#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a child's output pipe (non-blocking) with a deadline on every read: lines, NUL-ended
/// items and exact byte counts, through one buffer. A read that passes its deadline, or an
/// output that ends, fails; the caller then drops the connection.
public final class PipeStream {
    public enum Failure: Error, Equatable {
        case timedOut
        case ended
        case failed(Int32)
    }

    private let fd: Int32
    private var storage: UnsafeMutableRawBufferPointer
    /// Unread bytes are `storage[start..<end]`.
    private var start = 0
    private var end = 0

    public init(descriptor: Int32) {
        fd = descriptor
        storage = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Bytes up to (not including) the next `delimiter`, which is consumed.
    public func read(until delimiter: UInt8, limit: Int = 1 << 20, deadline: Double) throws(Failure) -> [UInt8] {
        var searched = start
        while true {
            if let i = storage[searched..<end].firstIndex(of: delimiter) {
                let item = Array(storage[start..<i])
                start = i + 1
                return item
            }
            searched = end
            if end - start > limit { throw .failed(EMSGSIZE) }
            let shift = start
            try fill(deadline: deadline)
            searched -= shift - start
        }
    }

    /// Exactly `count` bytes, given to `body` a piece at a time as they arrive.
    public func read(exactly count: Int, deadline: Double, into body: (UnsafeRawBufferPointer) -> Void) throws(Failure) {
        var left = count
        while left > 0 {
            if start == end { try fill(deadline: deadline) }
            let n = min(left, end - start)
            body(UnsafeRawBufferPointer(rebasing: storage[start..<(start + n)]))
            start += n
            left -= n
        }
    }

    /// Waits for more bytes (until `deadline`, a `MonotonicClock` time) and appends them,
    /// first moving what is unread to the front (or into a larger buffer when it fills one).
    private func fill(deadline: Double) throws(Failure) {
        if start > 0 {
            let unread = end - start
            if unread > 0 { storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: unread) }
            start = 0
            end = unread
        }
        if end == storage.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 16)
            larger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end)
            storage.deallocate()
            storage = larger
        }
        while true {
            let got = Glibc.read(fd, storage.baseAddress! + end, storage.count - end)
            let code = errno
            if got > 0 {
                end += got
                return
            }
            if got == 0 { throw .ended }
            if code != EAGAIN && code != EINTR { throw .failed(code) }
            let left = deadline - MonotonicClock.now()
            if left <= 0 { throw .timedOut }
            DescriptorWait.readable([fd], timeout: min(left, 0.5))
        }
    }
}
