#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Puts the terminal back on the way out, whatever the way: saves the terminal's modes before
/// curses changes them, and on a fatal signal (a crash in Swift code traps with SIGILL or
/// SIGTRAP) restores them with async-signal-safe calls only, leaves the alternate screen, shows
/// the cursor, then dies of the same signal.
enum TerminalRestorer {
    /// On the heap, not in a Swift global: a zero-initialised global of an imported C struct may
    /// be emitted without its trailing padding, and `tcgetattr` writes the whole `termios`.
    nonisolated(unsafe) private static let saved: UnsafeMutablePointer<termios> = {
        let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        pointer.initialize(to: termios())
        return pointer
    }()
    nonisolated(unsafe) private static var hasSaved = false

    static let fatalSignals = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    static func install() {
        if tcgetattr(0, saved) == 0 { hasSaved = true }
        for sig in fatalSignals {
            signal(sig) { sig in
                TerminalRestorer.restoreNow()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    /// Async-signal-safe: tcsetattr and write only.
    static func restoreNow() {
        if hasSaved { tcsetattr(0, TCSANOW, saved) }
        // Reset attributes, show the cursor, leave the alternate screen, end mouse/keypad modes.
        let reset: StaticString = "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\u{1B}[?1l\u{1B}>\r\n"
        _ = write(1, reset.utf8Start, reset.utf8CodeUnitCount)
    }

    /// Button presses, drags with a button held (not bare motion: an idle pointer sends
    /// nothing) and the wheel, reported in the SGR encoding; and the same turned off.
    static let mouseOn = "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h"
    static let mouseOff = "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l"

    /// Ctrl-Z's handler before `wrapSuspend` (curses' own), on the heap for the reason `saved` is.
    nonisolated(unsafe) private static let suspendHandler: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
        pointer.initialize(to: sigaction())
        return pointer
    }()

    /// Wraps curses' Ctrl-Z handler so that mouse reporting is off while the shell has the
    /// terminal and on again after fg (curses restores its own modes, not ours). Write only:
    /// async-signal-safe.
    static func wrapSuspendForMouse() {
        var action = sigaction()
        guard sigaction(SIGTSTP, nil, suspendHandler) == 0 else { return }
        action.__sigaction_handler.sa_handler = { sig in
            let off: StaticString = "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l"
            let on: StaticString = "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h"
            _ = write(1, off.utf8Start, off.utf8CodeUnitCount)
            // Curses' handler stops the process and returns after fg.
            let previous = TerminalRestorer.suspendHandler.pointee.__sigaction_handler.sa_handler
            if let previous, unsafeBitCast(previous, to: Int.self) > 1 {
                previous(sig)
            } else {
                signal(SIGTSTP, SIG_DFL)
                raise(SIGTSTP)
            }
            _ = write(1, on.utf8Start, on.utf8CodeUnitCount)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGTSTP, &action, nil)
    }

    /// Puts curses' Ctrl-Z handler back (the view is closing).
    static func unwrapSuspend() {
        sigaction(SIGTSTP, suspendHandler, nil)
    }

    static func uninstall() {
        for sig in fatalSignals { signal(sig, SIG_DFL) }
    }
}
