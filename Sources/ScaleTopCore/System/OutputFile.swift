#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole output (a figure, a CSV file) where the user asked for it:
/// `-` is standard output; a symlink is followed to its target; a character device, FIFO or
/// socket (`/dev/stdout`, `/dev/tty`, a pipe made with `mkfifo`) is written directly, as
/// `cat > path` would; only a regular file (or a new name) is replaced atomically, through a
/// temporary file in its folder renamed over it, so a reader never sees half a figure.
public enum OutputFile {
    /// The name that means standard output.
    public static let standardOutput = "-"

    /// Writes `bytes` to `path` as described above.
    public static func write(_ bytes: [UInt8], to path: String) throws(SystemError) {
        if isStandardOutput(path) { return try writeAll(bytes, to: 1) }
        var s = stat()
        if stat(path, &s) == 0 {
            let kind = s.st_mode & S_IFMT
            if kind == S_IFDIR { throw SystemError(errno: EISDIR) }
            if kind != S_IFREG { return try writeDirectly(bytes, to: path) }
            // A regular file, perhaps behind links: replace the file they lead to, not the links.
            guard let real = realpath(path, nil) else { throw SystemError(errno: errno) }
            defer { free(real) }
            return try replaceAtomically(bytes, at: String(cString: real), existingMode: s.st_mode & 0o7777)
        }
        guard errno == ENOENT else { throw SystemError(errno: errno) }
        try replaceAtomically(bytes, at: try resolvedTarget(path), existingMode: nil)
    }

    /// `-`, or a name for the very file standard output is (`/dev/stdout`, `/proc/self/fd/1`,
    /// the file the shell redirected it to): written as the stream, never replaced.
    public static func isStandardOutput(_ path: String) -> Bool {
        if path == standardOutput { return true }
        var named = stat(), output = stat()
        guard stat(path, &named) == 0, fstat(1, &output) == 0 else { return false }
        return named.st_dev == output.st_dev && named.st_ino == output.st_ino
    }

    /// `path` with the symbolic links of its last component followed to a target that does not
    /// exist yet (a dangling link is written through, creating its target).
    static func resolvedTarget(_ path: String) throws(SystemError) -> String {
        var current = path
        for _ in 0..<40 {
            var s = stat()
            guard lstat(current, &s) == 0, (s.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw SystemError(errno: errno) }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : directory(of: current) + "/" + link
        }
        throw SystemError(errno: ELOOP)
    }

    /// The folder part of `path` (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func writeDirectly(_ bytes: [UInt8], to path: String) throws(SystemError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError(errno: errno) }
        defer { close(fd) }
        try writeAll(bytes, to: fd)
    }

    private static func replaceAtomically(_ bytes: [UInt8], at path: String, existingMode: mode_t?) throws(SystemError) {
        var template = Array((directory(of: path) + "/.scaletop-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SystemError(errno: errno) }
        let temporary = String(cString: template)
        var committed = false
        defer {
            if !committed { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            // mkstemp makes the file 0600; a figure is as readable as any new file (or keeps
            // the mode of the one it replaces).
            let mode = existingMode ?? (0o666 & ~currentUmask())
            guard fchmod(fd, mode) == 0 else { throw SystemError(errno: errno) }
            try writeAll(bytes, to: fd)
        }
        guard rename(temporary, path) == 0 else { throw SystemError(errno: errno) }
        committed = true
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) throws(SystemError) {
        try DescriptorWrite.all(bytes, to: fd)
    }
}
