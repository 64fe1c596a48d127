#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif
import ScaleTopCore

/// Writes to standard output and error (through `DescriptorWrite`). A closed pipe
/// (`scaletop report | head`) ends the program quietly with status 0 instead of a crash.
enum StandardStreams {
    static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    static func output(_ text: String) {
        do {
            try DescriptorWrite.all(text, to: 1)
        } catch {
            _exit(0)
        }
    }

    /// UTF-8 text already made (a piece of a report).
    static func output(bytes: [UInt8]) {
        do {
            try DescriptorWrite.all(bytes, to: 1)
        } catch {
            _exit(0)
        }
    }

    /// A message on standard error, each line through `TextSanitizer`: messages quote
    /// arguments and file names, which may hold escape sequences (an OSC 52 in a path).
    static func error(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TextSanitizer.clean(String($0)) }
        try? DescriptorWrite.all(lines.joined(separator: "\n") + "\n", to: 2)
    }
}
