/// Receives what a `LogTailer` reads.
public protocol TailSink {
    /// A file was found (once per file, before any of its lines).
    mutating func tailerDiscovered(file: Int, path: String, runName: String)
    /// New bytes of the file are about to be read; it was last modified `secondsAgo` seconds ago
    /// (so a log that was quiet long before we started counts as quiet from then).
    mutating func tailerWillRead(file: Int, modifiedSecondsAgo: Double)
    /// One complete line (without its newline).
    mutating func tailerLine(_ line: UnsafeRawBufferPointer, file: Int)
    /// A line longer than the limit was skipped.
    mutating func tailerOverlongLine(file: Int)
    /// The file was truncated or replaced: what came from it is void and it is read again from
    /// the start. Returns other files that must be read again from the start too.
    mutating func tailerReset(file: Int) -> Set<Int>
    /// The file cannot be read (nil: it can again).
    mutating func tailerError(_ message: String?, file: Int)
}
