/// A log file a `LogTailer` follows: where it is, how far it has been read, and what it looked
/// like, so that truncation and replacement can be told from growth.
struct TailedFile {
    let path: String
    let runName: String
    let format: LogFormat
    /// Which of the tailer's roots found it.
    let root: Int
    /// Standard input, a FIFO or a device: read as a stream, never re-read.
    var isStream: Bool
    var handle: ReadableFile?
    var identity: FileStatus?
    var offset: Int64 = 0
    /// Lines of JSONL and CSV files.
    var assembler: LineAssembler
    /// Records of TensorBoard event files.
    var tfRecord: TFRecordFraming?
    /// Records of W&B run files.
    var wandb: WandbRecordFraming?
    /// The whole of a document read whole (`trainer_state.json`), as far as read.
    var document: [UInt8] = []
    var documentTooLong = false
    /// The last bytes read (up to `fingerprintLength`), to notice a rewrite in place.
    var tail: [UInt8] = []
    var lastSize: Int64 = -1
    var lastModified: Int64 = -1
    var dirty = true
    /// The tailer's clock when the file last gave bytes (the least recent is closed first).
    var lastGrowth = -Double.infinity
    var streamEnded = false
    var error: String?

    static let fingerprintLength = 64

    init(
        path: String, runName: String, format: LogFormat = .jsonLines, root: Int = 0, isStream: Bool, maximumLineLength: Int,
        maximumRecordLength: Int = 64 << 20
    ) {
        self.path = path
        self.runName = runName
        self.format = format
        self.root = root
        self.isStream = isStream
        self.assembler = LineAssembler(maximumLength: maximumLineLength)
        if format == .tensorBoard { tfRecord = TFRecordFraming(maximumLength: maximumRecordLength) }
        if format == .wandb { wandb = WandbRecordFraming(maximumLength: maximumRecordLength) }
    }

    /// Bytes of an incomplete record or line waiting for the rest.
    var pendingCount: Int {
        switch format {
        case .jsonLines, .csv: assembler.pendingCount
        case .tensorBoard: tfRecord?.pendingCount ?? 0
        case .wandb: wandb?.pendingCount ?? 0
        case .trainerState: 0
        }
    }

    mutating func rewind() {
        offset = 0
        handle?.seek(to: 0)
        assembler.reset()
        tfRecord?.reset()
        wandb?.reset()
        document.removeAll()
        documentTooLong = false
        tail = []
        dirty = true
    }

    mutating func remember(_ chunk: UnsafeRawBufferPointer) {
        let n = Self.fingerprintLength
        if chunk.count >= n {
            tail = Array(chunk[(chunk.count - n)...])
        } else {
            tail.append(contentsOf: chunk)
            if tail.count > n { tail.removeFirst(tail.count - n) }
        }
    }
}
