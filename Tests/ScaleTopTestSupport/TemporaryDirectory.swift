import Foundation

/// A fresh directory under the system temporary folder, removed when released.
public final class TemporaryDirectory {
    public let url: URL

    public init(prefix: String = "scaletop-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` to `name` (replacing it), creating parent folders.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target
    }

    /// Appends `text` to `name`, creating it if needed.
    public func append(_ name: String, _ text: String) throws {
        let target = file(name)
        if !FileManager.default.fileExists(atPath: target.path) {
            try write(name, text)
            return
        }
        let handle = try FileHandle(forWritingTo: target)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Writes `bytes` to `name` (replacing it), creating parent folders.
    @discardableResult
    public func write(_ name: String, bytes: some Collection<UInt8>) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target
    }

    /// Appends `bytes` to `name`, which must exist.
    public func append(_ name: String, bytes: some Collection<UInt8>) throws {
        let handle = try FileHandle(forWritingTo: file(name))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
