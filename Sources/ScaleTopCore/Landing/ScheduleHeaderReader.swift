import Foundation

/// Finds a run's declared learning-rate schedule: in the first line of its JSONL log (the header)
/// and in its `NAME.meta.json` sidecar (which wins). Reads at most the first 1 MiB of each, and
/// only regular files.
public enum ScheduleHeaderReader {
    /// The run the header names (its `"run"`, else `defaultRunName`), the declaration found
    /// (nil: none) and the run's `"group"` (the sidecar's wins); nil when the log has no complete
    /// first line yet.
    public static func read(logPath: String, defaultRunName: String) -> (run: String, outcome: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?, group: String?)? {
        guard let line = firstLine(logPath) else { return nil }
        return read(header: line, sidecar: firstLine(LogPaths.sidecarPath(for: logPath), wholeFile: true), defaultRunName: defaultRunName)
    }

    /// The same from a log's first line and its sidecar's bytes (nil: none), as a remote log's
    /// come.
    public static func read(header line: [UInt8], sidecar: [UInt8]?, defaultRunName: String) -> (run: String, outcome: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?, group: String?) {
        var run = defaultRunName
        var found: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?
        var group: String?
        if let header = object(line) {
            if let name = header["run"] as? String { run = name }
            found = ScheduleDeclaration.parse(header)
            group = header["group"] as? String
        }
        if let sidecar = sidecar.flatMap(object) {
            if let declared = ScheduleDeclaration.parse(sidecar) { found = declared }
            if let declared = sidecar["group"] as? String { group = declared }
        }
        return (run, found, group)
    }

    /// The `"run"` a line names, if it names one.
    static func namedRun(_ line: [UInt8]) -> String? {
        let key = Array("\"run\"".utf8)
        guard line.count >= key.count, (0...(line.count - key.count)).contains(where: { line[$0..<($0 + key.count)].elementsEqual(key) }),
              let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return nil }
        return object["run"] as? String
    }

    static func object(_ bytes: [UInt8]) -> [String: Any]? {
        // Every schedule key has an "l", and "group" a "g": a line with neither is not parsed.
        guard bytes.contains(UInt8(ascii: "l")) || bytes.contains(UInt8(ascii: "g")) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes), options: [])) as? [String: Any]
    }

    /// The first complete line (or the whole file), if there is one.
    static func firstLine(_ path: String, wholeFile: Bool = false) -> [UInt8]? {
        // Regular files only: reading a FIFO or a device would take lines from the reader.
        guard case let .success(status) = FileStatus.of(path: path), status.isRegular,
              case let .success(file) = ReadableFile.open(path) else { return wholeFile ? nil : [] }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < 1 << 20 {
            let outcome = chunk.withUnsafeMutableBytes { file.read(into: $0) }
            guard case let .bytes(n) = outcome, n > 0 else { break }
            bytes.append(contentsOf: chunk[0..<n])
            if !wholeFile, bytes.contains(0x0A) { break }
        }
        if !wholeFile {
            // A first line longer than what is read is no declaration (and is not read again).
            guard let end = bytes.firstIndex(of: 0x0A) else { return bytes.count >= 1 << 20 ? [] : nil }
            bytes = Array(bytes[..<end])
        }
        return wholeFile && bytes.isEmpty ? nil : bytes
    }
}
