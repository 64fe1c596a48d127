/// JSONL: each line goes to the sink as a line. The end of the file says nothing (a line
/// without its newline waits); a finished read hands over an unterminated last line.
struct JSONLinesFraming: RecordFraming {
    private var lines: LineAssembler

    init(maximumLength: Int) { lines = LineAssembler(maximumLength: maximumLength) }

    var pendingCount: Int { lines.pendingCount }
    var isRewrittenWhole: Bool { false }

    mutating func consume<S: TailSink>(_ bytes: UnsafeRawBufferPointer, file: Int, into sink: inout S) {
        lines.consume(bytes, line: { sink.tailerLine($0, file: file) }, overlong: { sink.tailerOverlongLine(file: file) })
    }

    mutating func reachedEnd<S: TailSink>(file: Int, into sink: inout S) {}

    mutating func flush<S: TailSink>(file: Int, into sink: inout S) {
        lines.flush { sink.tailerLine($0, file: file) }
    }

    mutating func reset() { lines.reset() }
}

/// CSV: each line goes to the sink as a record; the sink hears when no partial line waits.
struct CSVLineFraming: RecordFraming {
    private var lines: LineAssembler

    init(maximumLength: Int) { lines = LineAssembler(maximumLength: maximumLength) }

    var pendingCount: Int { lines.pendingCount }
    var isRewrittenWhole: Bool { false }

    mutating func consume<S: TailSink>(_ bytes: UnsafeRawBufferPointer, file: Int, into sink: inout S) {
        lines.consume(bytes, line: { sink.tailerRecord($0, file: file) }, overlong: { sink.tailerOverlongLine(file: file) })
    }

    mutating func reachedEnd<S: TailSink>(file: Int, into sink: inout S) {
        if lines.pendingCount == 0 { sink.tailerCaughtUp(file: file, final: false) }
    }

    mutating func flush<S: TailSink>(file: Int, into sink: inout S) {
        lines.flush { sink.tailerRecord($0, file: file) }
        sink.tailerCaughtUp(file: file, final: true)
    }

    mutating func reset() { lines.reset() }
}
