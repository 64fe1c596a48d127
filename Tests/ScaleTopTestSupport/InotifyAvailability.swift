import ScaleTopCore
import Testing

/// Whether this machine gives an inotify instance (Linux, below `fs.inotify.max_user_instances`):
/// tests of what inotify alone delivers are enabled only then, and say why when they are not.
public enum InotifyAvailability {
    public static let isAvailable: Bool = (try? Inotify()) != nil
    public static let reason: Comment = "inotify is not available here (not Linux, or fs.inotify.max_user_instances reached)"
}
