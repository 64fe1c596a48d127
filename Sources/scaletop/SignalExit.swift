#if canImport(Glibc)
import Glibc
#endif

/// Ends the process with status 0 on SIGINT, SIGTERM and SIGHUP (headless follow mode has no
/// terminal state to restore; output is written whole lines at a time).
enum SignalExit {
    static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { _ in _exit(0) }
        }
    }
}
