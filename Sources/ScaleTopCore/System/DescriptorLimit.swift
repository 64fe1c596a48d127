#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// The limit on open files (`ulimit -n`). The runtime's thread pool needs a few descriptors of its
/// own and dies without them, so the executable raises the soft limit to the hard one at start
/// (as Go's runtime does) and refuses to start, with a message, below `minimum`.
public enum DescriptorLimit {
    /// Descriptors scaletop needs beyond any log: standard streams, the runtime's event loop,
    /// inotify, the signal pipe, the terminal, a file being read and a spare.
    public static let minimum = 16

    /// Raises the soft limit to the hard limit; returns the soft limit now in force.
    @discardableResult
    public static func raiseToHardLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return Int.max }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return limit.rlim_cur > rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }
}
