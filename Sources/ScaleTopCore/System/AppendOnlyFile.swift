#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
#error("unsupported platform")
#endif

/// A file opened for appending, written with plain write(2) and no user-space buffer: what is
/// passed to `append` is in the file when `append` returns, so a reader tailing it sees whole
/// lines and never waits on a flush.
public final class AppendOnlyFile {
    public let path: String
    private var descriptor: Int32

    /// Creates the file, or empties an existing one (a reader sees the truncation and starts over).
    public init(creatingOrTruncating path: String) throws(SystemError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw SystemError(errno: errno) }
    }

    /// Appends `bytes`; write(2) is called again only when the kernel takes part of them (a
    /// full disk, a signal), which leaves a partial line no longer than that call.
    public func append(_ bytes: [UInt8]) throws(SystemError) {
        try DescriptorWrite.all(bytes, to: descriptor)
    }

    public func close() {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}

/// close(2), named apart from `AppendOnlyFile.close`.
private func closeDescriptor(_ fd: Int32) -> Int32 {
    close(fd)
}
