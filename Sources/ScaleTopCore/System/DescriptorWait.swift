#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sleeps until one of some descriptors is readable or a timeout passes: the one place that
/// calls poll(2), so idle means asleep in the kernel, not spinning.
public enum DescriptorWait {
    /// Returns the descriptors that became readable (empty on timeout or signal).
    @discardableResult
    public static func readable(_ descriptors: [Int32], timeout seconds: Double) -> [Int32] {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ms = Int32(max(0, min(seconds, 86_400)) * 1000)
        let n = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), ms) }
        guard n > 0 else { return [] }
        return fds.filter { $0.revents != 0 }.map(\.fd)
    }
}

/// Seconds on the monotonic clock.
public enum MonotonicClock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Seconds since the epoch (for comparing with file modification times only).
public enum WallClock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
