/// What a remote host's connection thread hands the tailer, in the order it happened. Files are
/// numbered by the host, from 0 in the order they were found.
enum RemoteEvent {
    /// A file was found; `path` is how it is shown (`host:path`).
    case discovered(file: Int, path: String, runName: String, format: LogFormat)
    /// The file's next bytes, fetched under `epoch` (bytes of an older epoch are void).
    case bytes(file: Int, epoch: Int, data: [UInt8], modifiedSecondsAgo: Double)
    /// Everything the file held at the last look has been sent.
    case caughtUp(file: Int, epoch: Int)
    /// The file was truncated or replaced: what it gave is void; it is sent again from the start.
    case reset(file: Int)
    /// A document read whole changed: it is sent again whole.
    case rereadWhole(file: Int)
    /// The `NAME.meta.json` sidecar beside the file, fetched whole (its first MiB) when it
    /// appeared or changed: its bytes, or nil when it cannot be read. `path` is how it is shown
    /// (`host:path`).
    case sidecar(file: Int, path: String, bytes: [UInt8]?)
    /// The file cannot be read (nil: it can again).
    case error(file: Int, message: String?)
    case notice(String)
    /// A pass is over: every root listed, every file sent up to its listed size.
    case passEnd
    /// A remote root names nothing (`host:path: no such file or directory`).
    case missing(String)
}

/// How a remote host's connection is doing.
public enum RemoteHostState: Sendable, Equatable {
    case connecting
    case connected
    /// Down since the connection dropped or could not be made; the next try is at `retryAt`
    /// (`MonotonicClock`), or never (a one-shot read gives up).
    case unreachable(reason: String, retryAt: Double?)
}
