/// Cuts one log file's bytes into what its format's reader takes (lines, records, a whole
/// document) and hands them to a `TailSink`. The tailer holds one per file and knows nothing
/// of formats: it reads bytes, gives them here, and says when the file's end was reached,
/// when the read is over and when the file was truncated.
protocol RecordFraming {
    /// Bytes of an incomplete record waiting for the rest.
    var pendingCount: Int { get }
    /// True for a file rewritten whole rather than appended to: it is read whole again
    /// whenever it changed, never cut by a byte budget, and compared entry by entry instead of
    /// being voided when it is replaced.
    var isRewrittenWhole: Bool { get }
    /// Frames `bytes`, the file's next bytes.
    mutating func consume<S: TailSink>(_ bytes: UnsafeRawBufferPointer, file: Int, into sink: inout S)
    /// Everything the file holds now has been given to `consume`.
    mutating func reachedEnd<S: TailSink>(file: Int, into sink: inout S)
    /// The read is over (a one-shot read): a partial record will not be completed.
    mutating func flush<S: TailSink>(file: Int, into sink: inout S)
    /// The file was truncated or replaced: it is read again from the start.
    mutating func reset()
}

/// Limits the tailer applies to every file's framing.
struct FramingLimits: Sendable {
    /// Longer lines are skipped and counted as bad.
    var maximumLineLength = 4 << 20
    /// Longer binary records are skipped and counted as bad.
    var maximumRecordLength = 64 << 20
}

extension LogFormat {
    /// A fresh framing for a file written in this format.
    func makeFraming(_ limits: FramingLimits) -> any RecordFraming {
        switch self {
        case .jsonLines: JSONLinesFraming(maximumLength: limits.maximumLineLength)
        case .csv: CSVLineFraming(maximumLength: limits.maximumLineLength)
        case .trainerState: WholeDocumentFraming()
        case .tensorBoard: TFRecordFraming(maximumLength: limits.maximumRecordLength)
        case .wandb: WandbRecordFraming(maximumLength: limits.maximumRecordLength)
        }
    }
}
