#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
#error("unsupported platform")
#endif

/// Makes folders with the system calls themselves, so that a failure says what the system said
/// (`Too many open files`, `Not a directory`...) about which path, where Foundation on Linux
/// gives "The operation could not be completed".
public enum DirectoryCreation {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let error: SystemError
        public var description: String { "\(path): \(error)" }
    }

    /// `mkdir -p`: `path` and every folder above it that is missing.
    public static func createAll(_ path: String) throws(Failure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST { throw Failure(path: prefix, error: SystemError(errno: errno)) }
        }
        var s = stat()
        guard stat(path, &s) == 0 else { throw Failure(path: path, error: SystemError(errno: errno)) }
        guard (s.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: path, error: SystemError(errno: ENOTDIR)) }
    }
}
