#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into a readable descriptor (the self-pipe trick),
/// so an event loop sleeping in poll(2) wakes up and leaves through its normal exit path, which
/// restores the terminal. Signals a parent may have blocked are unblocked first. SIGQUIT
/// (Ctrl-\) is here because the Swift runtime's handler for it prints a crash report over the
/// screen; installing ours replaces it.
public enum SignalPipe {
    nonisolated(unsafe) private static var fds: [Int32] = [-1, -1]
    nonisolated(unsafe) private static var received: Int32 = 0

    public static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Installs the handlers; returns the descriptor to wait on.
    public static func install() -> Int32 {
        if fds[0] < 0 {
            var pair: [Int32] = [0, 0]
            if pipe(&pair) == 0 {
                for fd in pair { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
                fds = pair
            }
        }
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals { sigaddset(&set, sig) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        for sig in signals {
            signal(sig) { sig in
                SignalPipe.received = sig
                var byte: UInt8 = 1
                _ = write(SignalPipe.fds[1], &byte, 1)
            }
        }
        return fds[0]
    }

    /// The signal received, if any (clears the pipe).
    public static func take() -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        while fds[0] >= 0, read(fds[0], &buffer, buffer.count) > 0 {}
        let sig = received
        return sig == 0 ? nil : sig
    }
}
