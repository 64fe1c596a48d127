#if canImport(Glibc)
import Glibc
#endif
import ScaleTopCore

/// Writes the exported files with the system calls themselves, so that a failure says what the
/// system said (`Too many open files`, `Not a directory`...) about which path, where Foundation
/// on Linux gives "The operation could not be completed".
enum FileWriting {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let error: SystemError
        var description: String { "\(path): \(error)" }
    }

    /// `mkdir -p`.
    static func createDirectory(_ path: String) throws(Failure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST { throw Failure(path: prefix, error: SystemError(errno: errno)) }
        }
        var s = stat()
        guard stat(path, &s) == 0 else { throw Failure(path: path, error: SystemError(errno: errno)) }
        guard (s.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: path, error: SystemError(errno: ENOTDIR)) }
    }

    /// Writes `text` to a temporary file beside `path`, then renames it over `path`: a reader
    /// never sees half a file.
    static func writeAtomically(_ text: String, to path: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, error: SystemError(errno: errno)) }
        var failure: SystemError?
        var copy = text
        copy.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else {
                    failure = SystemError(errno: n < 0 ? errno : EIO)
                    return
                }
            }
        }
        if close(fd) != 0 && failure == nil { failure = SystemError(errno: errno) }
        if failure == nil && rename(temporary, path) != 0 { failure = SystemError(errno: errno) }
        if let failure {
            unlink(temporary)
            throw Failure(path: path, error: failure)
        }
    }
}
