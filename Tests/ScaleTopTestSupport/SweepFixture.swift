import ScaleTopCore

/// Reads logs once to the end, as `scaletop report` does: the set-up most tests start from.
public enum SweepFixture {
    /// A reader that has read every line of `paths` (files or folders) in one poll;
    /// `configure` changes the configuration first (overrides, budgets).
    public static func readOnce(
        _ paths: [String], configure: (inout SweepReader.Configuration) -> Void = { _ in }
    ) throws -> SweepReader {
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        configure(&configuration)
        let reader = SweepReader(roots: try LogPaths.resolve(paths), configuration: configuration)
        reader.poll(now: 0)
        return reader
    }

    /// The sweep in `paths`, read once to the end.
    public static func sweep(_ paths: [String], configure: (inout SweepReader.Configuration) -> Void = { _ in }) throws -> Sweep {
        try readOnce(paths, configure: configure).sweep
    }
}
