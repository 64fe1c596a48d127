/// Reads a `NAME.meta.json` sidecar: one JSON object (it may span lines) with run-describing
/// keys, such as `{"params": 1.2e8, "tokens_per_step": 524288, "total_tokens": 2.4e10}`.
public enum SidecarMeta {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(String, SystemError)
        case invalid(String, BadLineKind)

        public var description: String {
            switch self {
            case let .unreadable(path, error): "\(path): \(error)"
            case let .invalid(path, kind): "\(path): line 1: \(kind.rawValue)"
            }
        }
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
            return .failure(.invalid(path, kind))
        }
    }
}
