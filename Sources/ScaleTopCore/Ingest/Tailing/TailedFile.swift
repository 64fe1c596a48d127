/// A log file a `LogTailer` follows: where it is, how far it has been read, and what it looked
/// like, so that truncation and replacement can be told from growth.
struct TailedFile {
    let path: String
    let runName: String
    /// Which of the tailer's roots found it.
    let root: Int
    /// Standard input, a FIFO or a device: read as a stream, never re-read.
    var isStream: Bool
    var handle: ReadableFile?
    var identity: FileStatus?
    var offset: Int64 = 0
    /// Cuts the file's bytes into its format's lines, records or document.
    var framing: any RecordFraming
    /// The last bytes read (up to `fingerprintLength`), to notice a rewrite in place.
    var tail: [UInt8] = []
    var lastSize: Int64 = -1
    var lastModified: Int64 = -1
    var dirty = true
    /// The tailer's clock when the file last gave bytes (the least recent is closed first).
    var lastGrowth = -Double.infinity
    var streamEnded = false
    var error: String?
    /// Set for a file on another host: which host, its number there, and the epoch of the bytes
    /// it takes (bytes fetched before it was last rewound are void).
    var remote: RemoteFileReference?

    static let fingerprintLength = 64

    init(path: String, runName: String, root: Int = 0, isStream: Bool, framing: any RecordFraming) {
        self.path = path
        self.runName = runName
        self.root = root
        self.isStream = isStream
        self.framing = framing
    }

    mutating func rewind() {
        offset = 0
        handle?.seek(to: 0)
        framing.reset()
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

/// Where a tailed file lives when it is on another host.
struct RemoteFileReference {
    let host: Int
    let file: Int
    var epoch = 0
    /// The first line of a JSONL file is still awaited (for its header), and its bytes so far.
    var headerPending = false
    var headerBytes: [UInt8] = []
}
