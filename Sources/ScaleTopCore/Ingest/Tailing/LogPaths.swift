/// What a path argument names: a file, a directory watched recursively, a glob, or `-`.
public enum WatchRoot: Sendable, Equatable {
    case file(String)
    case directory(String)
    case glob(String)
    case standardInput
    /// A file, directory or glob on another host, read through ssh.
    case remote(RemotePath)
}

/// A path argument that names nothing.
public struct LogPathError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Turns path arguments into watch roots, and files into run names.
public enum LogPaths {
    /// JSONL file names read inside directories (see `LogFormat.fromName` for the others).
    public static let logSuffixes = [".jsonl", ".json.log", ".ndjson"]

    /// True for the file names read inside directories: JSONL, `events.out.tfevents.*`,
    /// `*.wandb`, `trainer_state.json`, `*metrics.csv`.
    public static func isLogFile(_ path: String) -> Bool {
        LogFormat.fromName(path) != nil
    }

    /// Resolves path arguments. A path that does not exist (and is not a glob that matches)
    /// is an error.
    public static func resolve(_ arguments: [String]) throws(LogPathError) -> [WatchRoot] {
        var roots: [WatchRoot] = []
        for argument in arguments {
            if argument == "-" {
                roots.append(.standardInput)
                continue
            }
            if let remote = try RemotePath.parse(argument) {
                roots.append(.remote(remote))
                continue
            }
            switch FileStatus.of(path: argument) {
            case let .success(status):
                roots.append(status.isDirectory ? .directory(argument) : .file(argument))
            case let .failure(error):
                if isGlob(argument) {
                    guard !DirectoryListing.glob(argument).isEmpty else {
                        throw LogPathError(path: argument, reason: "no file matches this pattern")
                    }
                    roots.append(.glob(argument))
                } else {
                    throw LogPathError(path: argument, reason: error.isNotFound ? "no such file or directory" : error.description)
                }
            }
        }
        return roots
    }

    public static func isGlob(_ s: String) -> Bool { s.contains { "*?[".contains($0) } }

    /// A file's name without its log suffix (or its last extension).
    public static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in logSuffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }

    /// The run name of a file found under `directory`: its path relative to the directory,
    /// without the suffix; for formats named by directory (`LogFormat.namesRunByDirectory`),
    /// the path of its folder relative to the directory (the directory's own name when the
    /// file is directly inside), a trailing `checkpoint-N` folder left out.
    public static func runName(of path: String, under directory: String, format: LogFormat = .jsonLines) -> String {
        var prefix = directory
        while prefix.count > 1 && prefix.hasSuffix("/") { prefix.removeLast() }
        let rootName = prefix.split(separator: "/").last.map(String.init) ?? prefix
        prefix += "/"
        var relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        if format.namesRunByDirectory {
            var folders = relative.split(separator: "/").dropLast().map(String.init)
            if format == .trainerState, let last = folders.last, isCheckpointFolder(last) { folders.removeLast() }
            return folders.isEmpty ? rootName : folders.joined(separator: "/")
        }
        if let slash = relative.lastIndex(of: "/") {
            let dir = relative[...slash]
            relative = String(dir) + stem(String(relative[relative.index(after: slash)...]))
        } else {
            relative = stem(relative)
        }
        return relative
    }

    /// The run name of a file named on the command line (or matched by a glob): its stem, or
    /// for formats named by directory its folder's name.
    public static func fileRunName(of path: String, format: LogFormat) -> String {
        guard format.namesRunByDirectory else { return stem(path) }
        var folders = path.split(separator: "/").dropLast().map(String.init)
        if format == .trainerState, let last = folders.last, isCheckpointFolder(last) { folders.removeLast() }
        guard let folder = folders.last, folder != ".", folder != ".." else { return stem(path) }
        return folder
    }

    // MARK: - Several files given at once

    /// How many of a path's naming components (see `namingComponents`) are left out of its run
    /// name: those all the files given together share at the start and at the end.
    public struct SharedParts: Sendable, Equatable {
        public var leading: Int
        public var trailing: Int

        public init(leading: Int, trailing: Int) {
            self.leading = leading
            self.trailing = trailing
        }
    }

    /// The parts of a path that can name its run: its folders and the file's stem (for formats
    /// named by directory, the folders only, a trailing `checkpoint-N` folder left out).
    public static func namingComponents(of path: String, format: LogFormat) -> [String] {
        var parts = path.split(separator: "/").map(String.init).filter { $0 != "." }
        guard let last = parts.popLast() else { return [] }
        if format.namesRunByDirectory {
            if format == .trainerState, let folder = parts.last, isCheckpointFolder(folder) || folder == "checkpoint-*" {
                parts.removeLast()
            }
        } else {
            parts.append(stem(last))
        }
        return parts
    }

    /// The parts all of `components` share at the start and at the end (at least one part of
    /// each is left).
    public static func sharedParts(of components: [[String]]) -> SharedParts {
        guard let shortest = components.map(\.count).min(), shortest > 0, let first = components.first else {
            return SharedParts(leading: 0, trailing: 0)
        }
        var leading = 0
        while leading < shortest - 1, components.allSatisfy({ $0[leading] == first[leading] }) { leading += 1 }
        var trailing = 0
        while leading + trailing < shortest - 1,
            components.allSatisfy({ $0[$0.count - 1 - trailing] == first[first.count - 1 - trailing] })
        {
            trailing += 1
        }
        return SharedParts(leading: leading, trailing: trailing)
    }

    /// The parts a glob's matches share whatever they are: its components before the first one
    /// with a wildcard, and after the last.
    public static func sharedParts(ofPattern pattern: String, format: LogFormat) -> SharedParts {
        let parts = namingComponents(of: pattern, format: format)
        guard let first = parts.firstIndex(where: isGlob), let last = parts.lastIndex(where: isGlob) else {
            return SharedParts(leading: max(0, parts.count - 1), trailing: 0)
        }
        return SharedParts(leading: first, trailing: parts.count - 1 - last)
    }

    /// The run name of `path` with `shared` parts left out (never all of them).
    public static func name(of path: String, format: LogFormat, leaving shared: SharedParts) -> String {
        let parts = namingComponents(of: path, format: format)
        guard !parts.isEmpty else { return fileRunName(of: path, format: format) }
        let leading = min(shared.leading, parts.count - 1)
        let trailing = min(shared.trailing, parts.count - 1 - leading)
        return parts[leading..<(parts.count - trailing)].joined(separator: "/")
    }

    /// `checkpoint-500`: the folders Hugging Face Trainer saves checkpoints in.
    static func isCheckpointFolder(_ name: String) -> Bool {
        name.hasPrefix("checkpoint-") && name.count > 11 && name.dropFirst(11).allSatisfy(\.isNumber)
    }

    /// The `NAME.meta.json` sidecar beside a log file.
    public static func sidecarPath(for path: String) -> String {
        let stemmed = stem(path)
        if let slash = path.lastIndex(of: "/") { return String(path[...slash]) + stemmed + ".meta.json" }
        return stemmed + ".meta.json"
    }
}
