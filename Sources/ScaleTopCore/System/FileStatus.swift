#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says of a file, reduced to what reading logs needs.
public struct FileStatus: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64
    public var isRegular: Bool
    public var isDirectory: Bool
    /// What the file is, in words, when it is not a regular file ("a character device").
    public var kindDescription: String

    /// The same file (not a replacement written under the same name).
    public func isSameFile(as other: FileStatus) -> Bool { device == other.device && inode == other.inode }

    init(_ s: stat) {
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        size = Int64(s.st_size)
        #if canImport(Glibc)
        modified = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
        #else
        modified = Int64(s.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(s.st_mtimespec.tv_nsec)
        #endif
        isRegular = (s.st_mode & S_IFMT) == S_IFREG
        isDirectory = (s.st_mode & S_IFMT) == S_IFDIR
        kindDescription = switch s.st_mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    /// `stat(path)` following links, or the errno.
    public static func of(path: String) -> Result<FileStatus, SystemError> {
        var s = stat()
        guard RawPaths.withSystemPath(path, { stat($0, &s) }) == 0 else { return .failure(SystemError(errno: errno)) }
        return .success(FileStatus(s))
    }
}

/// An errno with its message.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public let errno: Int32
    /// Said after the message, in parentheses (what the errno means here).
    public var detail: String?
    public init(errno: Int32, detail: String? = nil) {
        self.errno = errno
        self.detail = detail
    }
    public var description: String { String(cString: strerror(errno)) + (detail.map { " (\($0))" } ?? "") }
    public var isNotFound: Bool { errno == ENOENT || errno == ENOTDIR }
}
