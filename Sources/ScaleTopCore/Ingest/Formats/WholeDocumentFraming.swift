/// A document rewritten whole at each save (`trainer_state.json`): its bytes are gathered and
/// handed over whole each time the end of the file is reached.
struct WholeDocumentFraming: RecordFraming {
    /// Documents read whole are capped (a `trainer_state.json` is a few MB).
    static let maximumLength = 256 << 20

    private var document: [UInt8] = []
    private var tooLong = false

    var pendingCount: Int { 0 }
    var isRewrittenWhole: Bool { true }

    mutating func consume<S: TailSink>(_ bytes: UnsafeRawBufferPointer, file: Int, into sink: inout S) {
        guard !tooLong else { return }
        if document.count + bytes.count > Self.maximumLength {
            sink.tailerBadRecord(.tooLong, file: file)
            tooLong = true
            document = []
        } else {
            document.append(contentsOf: bytes)
        }
    }

    mutating func reachedEnd<S: TailSink>(file: Int, into sink: inout S) {
        guard !tooLong else { return }
        document.withUnsafeBytes { sink.tailerDocument($0, file: file) }
        document.removeAll()
        sink.tailerCaughtUp(file: file, final: false)
    }

    mutating func flush<S: TailSink>(file: Int, into sink: inout S) {
        sink.tailerCaughtUp(file: file, final: true)
    }

    mutating func reset() {
        document.removeAll()
        tooLong = false
    }
}
