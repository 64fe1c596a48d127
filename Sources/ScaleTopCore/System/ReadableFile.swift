#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading: the one place that calls open, read, pread, fstat and close on
/// log files. Opened non-blocking so that a FIFO or a terminal never stalls the reader.
public final class ReadableFile {
    public let descriptor: Int32
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    public static func open(_ path: String) -> Result<ReadableFile, SystemError> {
        let fd = RawPaths.withSystemPath(path) { Glibc.open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return .failure(SystemError(errno: errno)) }
        return .success(ReadableFile(descriptor: fd, path: path))
    }

    /// Why a log file found by walking, globbing or re-opening was not opened.
    public enum OpenFailure: Error, Equatable {
        case system(SystemError)
        /// A character device, FIFO, socket...: reading one as a log file could block, or
        /// never end (`/dev/zero`).
        case notRegular(String)

        /// What to show (nil for a file that is simply not there).
        public var message: String? {
            switch self {
            case let .system(error): error.isNotFound ? nil : "cannot read: \(error)"
            case let .notRegular(kind): "skipped: \(kind), not a regular file"
            }
        }
    }

    /// Opens `path` only if it is a regular file (checked before opening, so that no device is
    /// opened, and again on the descriptor, in case it was swapped in between).
    public static func openRegular(_ path: String) -> Result<(file: ReadableFile, status: FileStatus), OpenFailure> {
        switch FileStatus.of(path: path) {
        case let .failure(error): return .failure(.system(error))
        case let .success(status) where !status.isRegular: return .failure(.notRegular(status.kindDescription))
        case .success: break
        }
        let file: ReadableFile
        switch open(path) {
        case let .success(opened): file = opened
        case let .failure(error): return .failure(.system(error))
        }
        switch file.status() {
        case let .failure(error): return .failure(.system(error))
        case let .success(status) where !status.isRegular: return .failure(.notRegular(status.kindDescription))
        case let .success(status): return .success((file, status))
        }
    }

    /// Standard input (not closed by this object); non-blocking unless `blocking`.
    public static func standardInput(blocking: Bool) -> ReadableFile {
        let flags = fcntl(0, F_GETFL)
        if flags >= 0 { _ = fcntl(0, F_SETFL, blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK) }
        return ReadableFile(descriptor: -100, path: "-")
    }

    /// The descriptor to wait on with poll(2).
    public var fd: Int32 { descriptor == -100 ? 0 : descriptor }

    public func status() -> Result<FileStatus, SystemError> {
        var s = stat()
        guard fstat(fd, &s) == 0 else { return .failure(SystemError(errno: errno)) }
        return .success(FileStatus(s))
    }

    public enum ReadOutcome: Equatable {
        case bytes(Int)
        case endOfFile
        /// A pipe or terminal with nothing to read right now.
        case wouldBlock
        case failed(SystemError)
    }

    /// Reads up to `buffer.count` bytes at the current position.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> ReadOutcome {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n > 0 { return .bytes(n) }
            if n == 0 { return .endOfFile }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
            return .failed(SystemError(errno: errno))
        }
    }

    /// Reads at an absolute offset without moving the position.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Result<Int, SystemError> {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return .success(n) }
            if errno == EINTR { continue }
            return .failure(SystemError(errno: errno))
        }
    }

    /// Moves the read position.
    public func seek(to offset: Int64) {
        _ = lseek(fd, off_t(offset), SEEK_SET)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
