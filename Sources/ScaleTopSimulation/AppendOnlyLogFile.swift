import Foundation
import ScaleTopCore

/// A simulated run's log, appended a line per write through `AppendOnlyFile` (System/), with
/// its failures told as the simulator's errors.
final class AppendOnlyLogFile {
    private let file: AppendOnlyFile
    var path: String { file.path }

    /// Creates the file, or empties an existing one (a reader sees the truncation and starts over).
    init(path: String) throws {
        do {
            file = try AppendOnlyFile(creatingOrTruncating: path)
        } catch {
            throw SimulationWriteError.cannotOpen(path: path, errno: error.errno)
        }
    }

    /// Appends `bytes` in one write(2) call, or more when the kernel takes part of them.
    func append(_ bytes: [UInt8]) throws {
        do {
            try file.append(bytes)
        } catch {
            throw SimulationWriteError.cannotWrite(path: path, errno: error.errno)
        }
    }

    func close() { file.close() }
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
