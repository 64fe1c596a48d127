#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard output and error. A closed pipe (`scaletop report | head`) ends the
/// program quietly with status 0 instead of a crash.
enum StandardStreams {
    static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    static func output(_ text: String) {
        write(text, to: 1)
    }

    static func error(_ text: String) {
        write(text + "\n", to: 2)
    }

    private static func write(_ text: String, to fd: Int32) {
        var copy = text
        copy.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    if fd == 1 { _exit(0) }
                    return
                }
            }
        }
    }
}
