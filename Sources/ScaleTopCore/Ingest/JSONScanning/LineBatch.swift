import Foundation

/// JSONL lines held back so that a large read is scanned on every core while the reading
/// thread applies the lines scanned before them: lines are copied into a buffer as the tailer
/// finds them; a full buffer is handed to the scanning threads, and the reading thread applies
/// the previous buffer to the sweep (joining the scan of it first if it is not done) and then
/// fills that buffer again. Lines reach the sweep in their original order.
public struct LineBatch {
    /// How the lines are divided (tests make them small, to cross many buffer boundaries).
    struct Sizes: Sendable {
        /// A buffer is handed on once it holds this many bytes.
        var bufferBytes = 4 << 20
        /// Below this many lines a buffer is scanned on the reading thread alone: waking
        /// another thread costs more than it saves (a live tail brings a few lines per poll).
        var parallelLines = 2048
        /// Lines a scanning thread claims at a time (about 190 KB of typical lines).
        var chunkLines = 1024
    }

    let sizes: Sizes
    /// Where lines are copied.
    private var filling: ScanBuffer
    /// Handed to the scanning threads and not yet applied.
    private var scanning: ScanBuffer?
    /// Applied and empty, for reuse.
    private var spare: ScanBuffer?
    private let workers: ScanWorkers

    init(catalog: KeyCatalog, workers: Int = LineBatch.processorCount, sizes: Sizes = Sizes()) {
        self.sizes = sizes
        self.workers = ScanWorkers(catalog: catalog, threads: workers, parallelLines: sizes.parallelLines)
        filling = ScanBuffer(chunkLines: sizes.chunkLines)
    }

    public static var processorCount: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Threads that scan, the reading one included.
    var threads: Int { workers.threads }
    var isEmpty: Bool { filling.isEmpty && scanning == nil }
    var isFull: Bool { filling.byteCount >= sizes.bufferBytes }

    mutating func append(_ line: UnsafeRawBufferPointer, file: Int) {
        filling.append(line, file: file)
    }

    /// The sweep's clock (`Sweep.clock`) for the lines appended from now on; it is set when
    /// they are applied.
    mutating func setClock(_ clock: Double) {
        filling.markClock(clock)
    }

    /// Hands the lines held to the scanning threads and, meanwhile, applies the lines handed
    /// on before them (`sources`: the sweep's source id of each tailer file).
    mutating func rotate(into sweep: inout Sweep, sources: [Int]) {
        guard !filling.isEmpty else { return }
        let started = filling
        workers.start(started)
        if let previous = scanning {
            apply(previous, into: &sweep, sources: sources)
            filling = previous
        } else {
            filling = spare ?? ScanBuffer(chunkLines: sizes.chunkLines)
            spare = nil
        }
        scanning = started
    }

    /// Scans and applies every line held, in order, and empties the batch.
    mutating func drain(into sweep: inout Sweep, sources: [Int]) {
        rotate(into: &sweep, sources: sources)
        guard let last = scanning else { return }
        apply(last, into: &sweep, sources: sources)
        scanning = nil
        spare = last
    }

    private func apply(_ buffer: ScanBuffer, into sweep: inout Sweep, sources: [Int]) {
        workers.finish(buffer)
        let summaries = buffer.summaries
        let marks = buffer.clockMarks
        var nextMark = 0
        for k in 0..<buffer.lineCount {
            while nextMark < marks.count && marks[nextMark].line == k {
                sweep.clock = marks[nextMark].clock
                nextMark += 1
            }
            let summary = summaries[k]
            let line = BufferedLine(
                values: buffer.values + k &* LogField.count, presentFields: summary.presentFields,
                runName: summary.outcome == .record ? buffer.runNames[k] : nil, lossRank: summary.lossRank,
                evalLossRank: summary.evalLossRank)
            sweep.ingest(summary.outcome, line, source: sources[buffer.files[k]])
        }
        // Marks after the last line (a file that had nothing complete to add).
        while nextMark < marks.count {
            sweep.clock = marks[nextMark].clock
            nextMark += 1
        }
        buffer.removeAll()
    }
}
