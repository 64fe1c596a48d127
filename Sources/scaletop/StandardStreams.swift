#if canImport(Glibc)
import Glibc
#endif
import ScaleTopCore

/// Writes to standard output and error. A closed pipe (`scaletop report | head`) ends the
/// program quietly with status 0 instead of a crash.
enum StandardStreams {
    static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    static func output(_ text: String) {
        write(text, to: 1)
    }

    /// UTF-8 text already made (a piece of a report).
    static func output(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0, to: 1) }
    }

    /// A message on standard error, each line through `TextSanitizer`: messages quote
    /// arguments and file names, which may hold escape sequences (an OSC 52 in a path).
    static func error(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TextSanitizer.clean(String($0)) }
        write(lines.joined(separator: "\n") + "\n", to: 2)
    }

    private static func write(_ text: String, to fd: Int32) {
        var copy = text
        copy.withUTF8 { write($0, to: fd) }
    }

    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
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
