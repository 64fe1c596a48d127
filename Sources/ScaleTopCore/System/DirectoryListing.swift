#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a directory tree with opendir/readdir: the one place that lists directories.
public enum DirectoryListing {
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var isDirectory: Bool
    }

    /// Every file under `root` that is not a directory (regular files, and devices, FIFOs and
    /// sockets, which the reader reports as skipped), recursively, without following links to
    /// directories or entering hidden directories, plus every directory visited, sorted by
    /// path. Unreadable directories are reported through `errors`.
    public static func walk(_ root: String, errors: inout [String: SystemError]) -> (files: [String], directories: [String]) {
        var files: [String] = []
        var directories: [String] = []
        var stack = [root]
        while let dir = stack.popLast() {
            guard let handle = RawPaths.withSystemPath(dir, { opendir($0) }) else {
                errors[dir] = SystemError(errno: errno)
                continue
            }
            directories.append(dir)
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                // The name's bytes, which need not be UTF-8.
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }
                let path = RawPaths.join(dir, name: name)
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    // Links to files are followed; links to directories are not (no loops).
                    var s = stat()
                    if type == UInt8(DT_LNK) {
                        guard RawPaths.withSystemPath(path, { stat($0, &s) }) == 0 else { continue }
                        type = (s.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_UNKNOWN) : Self.directoryEntryType(s.st_mode)
                    } else if RawPaths.withSystemPath(path, { lstat($0, &s) }) == 0 {
                        type = Self.directoryEntryType(s.st_mode)
                    }
                }
                if type == UInt8(DT_DIR) {
                    if name.first != 0x2E { stack.append(path) }
                } else if type != UInt8(DT_UNKNOWN) && type != UInt8(DT_LNK) {
                    // Devices, FIFOs and sockets too: the reader skips them and says so.
                    files.append(path)
                }
            }
        }
        return (files.sorted(), directories.sorted())
    }

    /// The `d_type` a `stat` mode stands for.
    static func directoryEntryType(_ mode: mode_t) -> UInt8 {
        switch mode & S_IFMT {
        case S_IFDIR: UInt8(DT_DIR)
        case S_IFREG: UInt8(DT_REG)
        case S_IFIFO: UInt8(DT_FIFO)
        case S_IFCHR: UInt8(DT_CHR)
        case S_IFBLK: UInt8(DT_BLK)
        case S_IFSOCK: UInt8(DT_SOCK)
        default: UInt8(DT_UNKNOWN)
        }
    }

    /// `dir/name`, written the one way the walk writes it (so inotify events find their files).
    public static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    /// Paths matching a shell glob, sorted; empty when none match.
    public static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard RawPaths.withSystemPath(pattern, { Glibc.glob($0, 0, nil, &result) }) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] { paths.append(RawPaths.path(Array(UnsafeRawBufferPointer(start: p, count: strlen(p))))) }
        }
        return paths.sorted()
    }
}
