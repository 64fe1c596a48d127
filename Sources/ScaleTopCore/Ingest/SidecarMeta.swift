/// Reads a `NAME.meta.json` sidecar: one JSON object (it may span lines) with run-describing
/// keys, such as `{"params": 1.2e8, "tokens_per_step": 524288, "total_tokens": 2.4e10}`.
public enum SidecarMeta {
    /// What a sidecar's name ends with (`d12.meta.json` beside `d12.jsonl`).
    public static let suffix = ".meta.json"

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(String, SystemError)
        /// Not one JSON object: the file, the line (from 1) where it went wrong, and how.
        case invalid(String, line: Int, BadLineKind)

        public var description: String {
            switch self {
            case let .unreadable(path, error): "\(path): \(error)"
            case let .invalid(path, line, kind): "\(path): line \(line): \(kind.rawValue)"
            }
        }
    }

    /// The `"group"` a sidecar declares: nil without one (or without the key).
    public static func group(_ path: String) -> String? {
        guard let bytes = ScheduleHeaderReader.firstLine(path, wholeFile: true),
              let object = ScheduleHeaderReader.object(bytes) else { return nil }
        return object["group"] as? String
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
        while bytes.count < 1 << 20 {
            let outcome = chunk.withUnsafeMutableBytes { file.read(into: $0) }
            guard case let .bytes(n) = outcome else { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
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
