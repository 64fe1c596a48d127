/// Receives what a `LogTailer` reads.
public protocol TailSink {
    /// About `count` files are about to be discovered at once (room can be made for them).
    mutating func tailerWillDiscover(count: Int)
    /// A file was found (once per file, before any of its lines), and how it is written.
    mutating func tailerDiscovered(file: Int, path: String, runName: String, format: LogFormat)
    /// New bytes of the file are about to be read; it was last modified `secondsAgo` seconds ago
    /// (so a log that was quiet long before we started counts as quiet from then).
    mutating func tailerWillRead(file: Int, modifiedSecondsAgo: Double)
    /// One complete line (without its newline).
    mutating func tailerLine(_ line: UnsafeRawBufferPointer, file: Int)
    /// One complete record of a file that is not JSONL: a CSV line (without its newline), a
    /// TensorBoard event or a W&B record (verified payload bytes).
    mutating func tailerRecord(_ record: UnsafeRawBufferPointer, file: Int)
    /// A record that could not be framed (a bad checksum, an over-long record...) was skipped.
    mutating func tailerBadRecord(_ kind: BadLineKind, file: Int)
    /// The whole of a document read whole (`trainer_state.json`), each time it changed.
    mutating func tailerDocument(_ document: UnsafeRawBufferPointer, file: Int)
    /// Everything complete in the file has been handed over and no partial record waits
    /// (`final`: the read is over, so a partial record will not be completed).
    mutating func tailerCaughtUp(file: Int, final: Bool)
    /// A line longer than the limit was skipped.
    mutating func tailerOverlongLine(file: Int)
    /// The file was truncated or replaced: what came from it is void and it is read again from
    /// the start. Returns other files that must be read again from the start too.
    mutating func tailerReset(file: Int) -> Set<Int>
    /// The file cannot be read (nil: it can again).
    mutating func tailerError(_ message: String?, file: Int)
    /// The file just discovered is on another host: nothing beside it can be read by its path
    /// (its header line comes through `tailerHeaderLine` instead).
    mutating func tailerFileIsRemote(file: Int)
    /// The first complete line of a remote file (before its lines are handed over as usual).
    mutating func tailerHeaderLine(_ line: UnsafeRawBufferPointer, file: Int)
    /// The `NAME.meta.json` sidecar beside a remote file, when it appears or changes (before the
    /// file's bytes that follow): its first `SidecarMeta.readLimit` bytes, or nil when it cannot
    /// be read. `path` is how it is shown (`host:path`); `localRunName` the run name the file
    /// would have if it were read locally (`d12` for `gpu1:d12`).
    mutating func tailerRemoteSidecar(_ bytes: [UInt8]?, path: String, localRunName: String, file: Int)
}

extension TailSink {
    public mutating func tailerWillDiscover(count: Int) {}
    public mutating func tailerFileIsRemote(file: Int) {}
    public mutating func tailerHeaderLine(_ line: UnsafeRawBufferPointer, file: Int) {}
    public mutating func tailerRemoteSidecar(_ bytes: [UInt8]?, path: String, localRunName: String, file: Int) {}
}
