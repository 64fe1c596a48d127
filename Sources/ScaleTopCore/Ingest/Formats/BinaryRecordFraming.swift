/// TensorBoard and W&B files as the tailer reads them: verified records go to the sink, a
/// record that cannot be framed is counted as bad, and a partial record left when the read is
/// over counts as truncated.
protocol BinaryRecordFraming: RecordFraming {}

extension BinaryRecordFraming {
    var isRewrittenWhole: Bool { false }

    mutating func reachedEnd<S: TailSink>(file: Int, into sink: inout S) {
        if pendingCount == 0 { sink.tailerCaughtUp(file: file, final: false) }
    }

    mutating func flush<S: TailSink>(file: Int, into sink: inout S) {
        if pendingCount > 0 {
            sink.tailerBadRecord(.truncated, file: file)
            reset()
        }
        sink.tailerCaughtUp(file: file, final: true)
    }
}

extension TFRecordFraming: BinaryRecordFraming {
    mutating func consume<S: TailSink>(_ bytes: UnsafeRawBufferPointer, file: Int, into sink: inout S) {
        consume(
            bytes, record: { sink.tailerRecord($0, file: file) },
            failure: { sink.tailerBadRecord($0 == .tooLong ? .recordTooLong : .badChecksum, file: file) })
    }
}

extension WandbRecordFraming: BinaryRecordFraming {
    mutating func consume<S: TailSink>(_ bytes: UnsafeRawBufferPointer, file: Int, into sink: inout S) {
        consume(
            bytes, record: { sink.tailerRecord($0, file: file) },
            failure: { failure in
                let kind: BadLineKind = switch failure {
                case .badHeader: .badHeader
                case .badChecksum: .badChecksum
                case .brokenFragment: .undecodable
                case .tooLong: .recordTooLong
                }
                sink.tailerBadRecord(kind, file: file)
            })
    }
}
