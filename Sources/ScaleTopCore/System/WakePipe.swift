#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
#error("unsupported platform")
#endif

/// A non-blocking pipe that one thread writes a byte to so that another, asleep in poll(2) on
/// `descriptor`, wakes up.
public final class WakePipe: @unchecked Sendable {
    private var ends: [Int32] = [-1, -1]

    public init() {
        var pair: [Int32] = [0, 0]
        if pipe(&pair) == 0 {
            for fd in pair { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            ends = pair
        }
    }

    deinit {
        for fd in ends where fd >= 0 { close(fd) }
    }

    /// Readable after `wake`, until `drain`.
    public var descriptor: Int32 { ends[0] }

    /// Makes `descriptor` readable (a full pipe is already readable: the write may fail).
    public func wake() {
        var byte: UInt8 = 1
        _ = write(ends[1], &byte, 1)
    }

    /// Reads every byte written so far, so that `descriptor` is no longer readable.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(ends[0], &buffer, buffer.count) > 0 {}
    }
}
