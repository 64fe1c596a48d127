#if canImport(Glibc)
import Glibc

/// The one wrapper around inotify(7). Watches directories: a directory watch also reports
/// writes to the files in it, so one watch per directory covers every log.
public final class Inotify {
    public struct Event: Sendable {
        public var watch: Int32
        public var mask: UInt32
        public var name: String
    }

    public let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    public static let directoryMask: UInt32 = UInt32(IN_MODIFY) | UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)
        | UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
        | UInt32(IN_ATTRIB) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_ONLYDIR)

    public init() throws(SystemError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw SystemError(errno: errno) }
        descriptor = fd
    }

    /// Adds (or refreshes) a watch on a directory.
    public func watchDirectory(_ path: String) -> Result<Int32, SystemError> {
        let wd = RawPaths.withSystemPath(path) { inotify_add_watch(descriptor, $0, Self.directoryMask) }
        guard wd >= 0 else { return .failure(SystemError(errno: errno)) }
        return .success(wd)
    }

    public func removeWatch(_ wd: Int32) { _ = inotify_rm_watch(descriptor, wd) }

    /// Everything queued now (never blocks).
    public func drain() -> [Event] {
        var events: [Event] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= n {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    var name = ""
                    if length > 0 {
                        let bytes = raw[(offset + header)..<(offset + header + length)]
                        // As the directory walk writes it (a name that is not UTF-8 escaped).
                        name = RawPaths.text(of: bytes.prefix { $0 != 0 }).text
                    }
                    events.append(Event(watch: wd, mask: mask, name: name))
                    offset += header + length
                }
            }
        }
        return events
    }

    deinit { close(descriptor) }
}
#else
#error("unsupported platform: inotify(7) is Linux's")
#endif
