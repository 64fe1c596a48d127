#if canImport(Glibc)
import Glibc
#endif

/// A path argument given as `NAME=path`: the files it names belong to group NAME.
public struct GroupedRoot: Sendable, Equatable {
    public var group: String
    public var root: WatchRoot

    public init(group: String, root: WatchRoot) {
        self.group = group
        self.root = root
    }

    /// Whether the file at `path` (as the tailer found it) came from this argument.
    public func contains(_ path: String) -> Bool {
        switch root {
        case let .file(file): return path == file
        case let .directory(directory):
            var prefix = directory
            while prefix.count > 1 && prefix.hasSuffix("/") { prefix.removeLast() }
            return path.hasPrefix(prefix == "/" ? prefix : prefix + "/")
        case let .glob(pattern): return fnmatch(pattern, path, 0) == 0
        case .standardInput: return path == "-"
        case let .remote(remote): return Self.remoteContains(remote, path)
        }
    }

    /// A remote file's path reads `host:/resolved/path`; a relative or `~` path was resolved on
    /// the host, so it is matched as the tail of the resolved path.
    private static func remoteContains(_ remote: RemotePath, _ path: String) -> Bool {
        let prefix = remote.hostLabel + ":"
        guard path.hasPrefix(prefix) else { return false }
        let found = String(path.dropFirst(prefix.count))
        var named = remote.path
        while named.count > 1 && named.hasSuffix("/") { named.removeLast() }
        if named.hasPrefix("~/") { named.removeFirst(2) }
        let pattern = named.hasPrefix("/") ? named : "*/" + named
        return fnmatch(pattern, found, 0) == 0 || fnmatch(pattern + "/*", found, 0) == 0
    }
}
