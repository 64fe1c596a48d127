import Foundation

/// Locates `../shared` (the course data beside the checkout) from any test.
public enum SharedData {
    /// The repository root, found from this source file's location.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared` beside the checkout.
    public static let root: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// A file or directory under `../shared/data`.
    public static func data(_ relative: String) -> URL {
        root.appendingPathComponent("data").appendingPathComponent(relative)
    }
}
