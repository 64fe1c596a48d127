#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The private folders of ssh sockets in use, so that a process ended by a signal (follow
/// mode's `_exit` on SIGTERM) leaves none behind: `removeAll` only unlinks paths made ready
/// beforehand, which is safe inside a signal handler. A master connection whose socket is gone
/// ends by itself once idle (ControlPersist).
public enum RemoteCleanup {
    /// NUL-terminated paths: the files of each folder, then the folder (nil: a free slot).
    nonisolated(unsafe) private static var entries: [(files: [UnsafeMutablePointer<CChar>], directory: UnsafeMutablePointer<CChar>)?] =
        Array(repeating: nil, count: 64)
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    static func register(files: [String], directory: String) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard let slot = entries.firstIndex(where: { $0 == nil }) else { return }
        entries[slot] = (files.map { strdup($0)! }, strdup(directory)!)
    }

    static func unregister(directory: String) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        for (k, entry) in entries.enumerated() {
            guard let entry, String(cString: entry.directory) == directory else { continue }
            entry.files.forEach { free($0) }
            free(entry.directory)
            entries[k] = nil
        }
    }

    /// Removes every registered folder with its sockets and logs (unlink and rmdir only).
    public static func removeAll() {
        for entry in entries {
            guard let entry else { continue }
            for file in entry.files { unlink(file) }
            rmdir(entry.directory)
        }
    }
}
