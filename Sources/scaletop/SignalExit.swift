#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif
import ScaleTopCore

/// Ends the process with status 0 on SIGINT, SIGTERM, SIGHUP and SIGQUIT (headless follow mode
/// has no terminal state to restore; output is written whole lines at a time).
enum SignalExit {
    static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func install() {
        // A parent may hand down a mask that blocks these (some process launchers do): a
        // blocked SIGTERM would leave us running forever, so unblock them first.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals { sigaddset(&set, sig) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        for sig in signals {
            signal(sig) { _ in
                // ssh's sockets of remote paths, so no private folder is left in /tmp.
                RemoteCleanup.removeAll()
                _exit(0)
            }
        }
    }
}
