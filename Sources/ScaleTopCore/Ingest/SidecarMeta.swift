#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `NAME.meta.json` sidecar: one JSON object (it may span lines) with run-describing
/// keys, such as `{"params": 1.2e8, "tokens_per_step": 524288, "total_tokens": 2.4e10}`.
public enum SidecarMeta {
    /// What a sidecar's name ends with (`d12.meta.json` beside `d12.jsonl`).
    public static let suffix = ".meta.json"

    /// How much of a sidecar is read (a remote one is fetched as far).
    public static let readLimit = 1 << 20

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(String, SystemError)
        /// Not one JSON object: the file, the line (from 1) where it went wrong, and how.
        case invalid(String, line: Int, BadLineKind)

        /// A sidecar that is there but may not be read (all a remote host says of one).
        public static func permissionDenied(_ path: String) -> Failure { .unreadable(path, SystemError(errno: EACCES)) }

        public var description: String {
            switch self {
            case let .unreadable(path, error): "\(path): \(error)"
            case let .invalid(path, line, kind): "\(path): line \(line): \(kind.rawValue)"
            }
        }
    }

    /// The `"group"` a sidecar declares: nil without one (or without the key).
    public static func group(_ path: String) -> String? {
        ScheduleHeaderReader.firstLine(path, wholeFile: true).flatMap(group(bytes:))
    }

    /// The `"group"` the sidecar's bytes declare.
    public static func group(bytes: [UInt8]) -> String? {
        ScheduleHeaderReader.object(bytes)?["group"] as? String
    }

    /// nil when there is no sidecar.
    public static func load(_ path: String, catalog: KeyCatalog) -> Result<RunMeta, Failure>? {
        let file: ReadableFile
        switch ReadableFile.open(path) {
        case let .success(f): file = f
        case let .failure(error): return error.isNotFound ? nil : .failure(.unreadable(path, error))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while bytes.count < readLimit {
            let outcome = chunk.withUnsafeMutableBytes { file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0.prefix(readLimit - bytes.count))) }
            guard case let .bytes(n) = outcome else { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return parse(bytes, path: path, catalog: catalog)
    }

    /// A sidecar's bytes (at most `readLimit`, as read from `path`) read as its description.
    public static func parse(_ bytes: [UInt8], path: String, catalog: KeyCatalog) -> Result<RunMeta, Failure> {
        var scanner = LineScanner(catalog: catalog)
        let outcome = bytes.withUnsafeBytes { scanner.scan($0) }
        switch outcome {
        case .record:
            var meta = RunMeta()
            meta.absorb(scanner.record)
            return .success(meta)
        case .blank:
            return .success(RunMeta())
        case let .bad(kind):
            // The sidecar may span lines: name the one where the scanner stopped.
            let offset = min(scanner.failureOffset, bytes.count)
            let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .failure(.invalid(path, line: line, kind))
        }
    }
}
