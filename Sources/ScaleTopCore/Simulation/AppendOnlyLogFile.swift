import Foundation

/// A log file opened for appending, written with plain write(2) and no user-space buffer: what is
/// passed to `append` is in the file when `append` returns, so a reader tailing it sees whole lines
/// and never waits on a flush. The only place the simulator calls the file system's C API.
final class AppendOnlyLogFile {
    let path: String
    private var descriptor: Int32

    /// Creates the file, or empties an existing one (a reader sees the truncation and starts over).
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw SimulationWriteError.cannotOpen(path: path, errno: errno) }
    }

    /// Appends `bytes` in one write(2) call; loops only when the kernel takes part of it (a full
    /// disk, a signal), which leaves a partial line no longer than that call.
    func append(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress, buffer.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw SimulationWriteError.cannotWrite(path: path, errno: errno)
            }
            offset += written
        }
    }

    func close() {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}

public enum SimulationWriteError: Error, CustomStringConvertible, Equatable {
    case cannotCreateDirectory(path: String, reason: String)
    case cannotOpen(path: String, errno: Int32)
    case cannotWrite(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            "cannot create directory \(path): \(reason)"
        case .cannotOpen(let path, let code):
            "cannot open \(path) for writing: \(String(cString: strerror(code)))"
        case .cannotWrite(let path, let code):
            "cannot write to \(path): \(String(cString: strerror(code)))"
        }
    }
}
