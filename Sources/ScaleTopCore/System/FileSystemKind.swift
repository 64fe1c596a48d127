#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells whether inotify can be trusted for a path: on network and user-space file systems it
/// stays silent about writes made on other machines, so those are polled. Reads the mount
/// table (`/proc/self/mounts`) and takes the longest mount point that contains the path.
public enum FileSystemKind {
    private static let remoteTypes: Set<String> = [
        "nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "9p", "lustre", "gpfs", "beegfs", "ceph",
        "afs", "glusterfs", "virtiofs", "vboxsf", "sshfs", "davfs",
    ]

    /// The file system type of the remote mount `path` is on, or nil when it is local.
    public static func remoteName(of path: String) -> String? {
        guard let type = mountType(of: path) else { return nil }
        if remoteTypes.contains(type) || type.hasPrefix("fuse") { return type }
        return nil
    }

    public static func mountType(of path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        let absolute = String(cString: resolved)
        free(resolved)
        guard let table = readMountTable() else { return nil }
        var best: (length: Int, type: String)?
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mountPoint = unescape(String(fields[1]))
            let contains = absolute == mountPoint || mountPoint == "/"
                || absolute.hasPrefix(mountPoint.hasSuffix("/") ? mountPoint : mountPoint + "/")
            if contains, mountPoint.count >= (best?.length ?? -1) {
                best = (mountPoint.count, String(fields[2]))
            }
        }
        return best?.type
    }

    private static func readMountTable() -> String? {
        guard case let .success(file) = ReadableFile.open("/proc/self/mounts") else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let result = chunk.withUnsafeMutableBytes { file.read(into: $0) }
            guard case let .bytes(n) = result else { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Mount points escape spaces and tabs as octal (`\040`).
    private static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 3 < b.count,
                let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8)
            {
                out.append(v)
                i += 4
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
