import Dispatch
import Synchronization

/// One batch of JSONL lines and what scanning them found. Lines are copied in on the reading
/// thread; then any number of threads scan it at once, each claiming chunks of lines and
/// writing only those lines' results; then the reading thread applies the results in order.
///
/// The memory is allocated by hand, not held in arrays, so that threads can write their own
/// lines' slots at the same time without an array's exclusivity checks or copies.
final class ScanBuffer: @unchecked Sendable {
    /// Lines claimed at a time by a scanning thread.
    let chunkLines: Int

    private(set) var text: UnsafeMutablePointer<UInt8>
    private(set) var byteCount = 0
    private var byteCapacity: Int
    /// Where each line starts in `text` (it ends where the next starts, the last at
    /// `byteCount`) and its tailer file.
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var files: UnsafeMutablePointer<Int>
    /// Read before every record of another format (to keep lines in order): unchecked, as
    /// only the reading thread changes it.
    @exclusivity(unchecked) private(set) var lineCount = 0
    private var lineCapacity: Int

    // What each line was, after a scan.
    private(set) var summaries: UnsafeMutablePointer<Summary>
    /// `LogField.count` values per line (those whose bit is set in its summary).
    private(set) var values: UnsafeMutablePointer<Double>
    private(set) var runNames: UnsafeMutablePointer<String?>
    /// The reader's clock from the line at `line` on (the tailer moved to another file), in
    /// line order.
    @exclusivity(unchecked) private(set) var clockMarks: [(line: Int, clock: Double)] = []

    /// The next chunk to claim.
    private let nextChunk = Atomic<Int>(0)
    /// Threads other than the reading one that are scanning this buffer.
    let helpers = DispatchGroup()

    struct Summary {
        var outcome = ScanOutcome.blank
        var presentFields: UInt32 = 0
        var lossRank: UInt8 = 0
        var evalLossRank: UInt8 = 0
    }

    init(chunkLines: Int, byteCapacity: Int = 1 << 16, lineCapacity: Int = 1024) {
        self.chunkLines = max(1, chunkLines)
        self.byteCapacity = byteCapacity
        self.lineCapacity = lineCapacity
        text = .allocate(capacity: byteCapacity)
        starts = .allocate(capacity: lineCapacity)
        files = .allocate(capacity: lineCapacity)
        summaries = .allocate(capacity: lineCapacity)
        summaries.initialize(repeating: Summary(), count: lineCapacity)
        values = .allocate(capacity: lineCapacity * LogField.count)
        runNames = .allocate(capacity: lineCapacity)
        runNames.initialize(repeating: nil, count: lineCapacity)
    }

    deinit {
        text.deallocate()
        starts.deallocate()
        files.deallocate()
        summaries.deallocate()
        values.deallocate()
        runNames.deinitialize(count: lineCapacity)
        runNames.deallocate()
    }

    var isEmpty: Bool { lineCount == 0 && clockMarks.isEmpty }
    var chunkCount: Int { (lineCount + chunkLines - 1) / chunkLines }

    /// Copies a line in. Only while no thread scans the buffer.
    func append(_ line: UnsafeRawBufferPointer, file: Int) {
        if lineCount == lineCapacity { growLines() }
        if byteCount + line.count > byteCapacity { growText(byteCount + line.count) }
        starts[lineCount] = byteCount
        files[lineCount] = file
        lineCount += 1
        if let base = line.baseAddress { (text + byteCount).initialize(from: base.assumingMemoryBound(to: UInt8.self), count: line.count) }
        byteCount += line.count
    }

    /// The lines appended from now on were read at `clock`.
    func markClock(_ clock: Double) {
        clockMarks.append((lineCount, clock))
    }

    /// Empties the buffer, keeping its memory.
    func removeAll() {
        byteCount = 0
        lineCount = 0
        clockMarks.removeAll(keepingCapacity: true)
        nextChunk.store(0, ordering: .relaxed)
    }

    /// Claims chunks until none is left and scans them with `scanner`. Safe to call from
    /// several threads at once, each with its own scanner.
    func scanChunks(with scanner: inout LineScanner) {
        let chunks = chunkCount
        while true {
            let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
            guard chunk < chunks else { return }
            let first = chunk * chunkLines
            scanLines(first..<min(lineCount, first + chunkLines), with: &scanner)
        }
    }

    private func scanLines(_ range: Range<Int>, with scanner: inout LineScanner) {
        for k in range {
            let start = starts[k]
            let end = k + 1 < lineCount ? starts[k + 1] : byteCount
            let outcome = scanner.scan(text + start, count: end - start)
            summaries[k].outcome = outcome
            guard outcome == .record else { continue }
            // Every field's slot is copied, present or not: one block copy instead of a branch
            // a field, and the summary's bits say which slots mean something.
            scanner.record.copyValues(to: values + k &* LogField.count)
            summaries[k].presentFields = scanner.record.presentFields
            summaries[k].lossRank = scanner.record.lossRank
            summaries[k].evalLossRank = scanner.record.evalLossRank
            if scanner.record.runName != nil || runNames[k] != nil { runNames[k] = scanner.record.runName }
        }
    }

    private func growLines() {
        let capacity = lineCapacity * 2
        /// Moves `kept` elements to a new allocation of `count`.
        func grown<T>(_ old: UnsafeMutablePointer<T>, keeping kept: Int, count: Int) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: count)
            new.moveInitialize(from: old, count: kept)
            old.deallocate()
            return new
        }
        starts = grown(starts, keeping: lineCapacity, count: capacity)
        files = grown(files, keeping: lineCapacity, count: capacity)
        summaries = grown(summaries, keeping: lineCapacity, count: capacity)
        (summaries + lineCapacity).initialize(repeating: Summary(), count: capacity - lineCapacity)
        values = grown(values, keeping: lineCapacity * LogField.count, count: capacity * LogField.count)
        runNames = grown(runNames, keeping: lineCapacity, count: capacity)
        (runNames + lineCapacity).initialize(repeating: nil, count: capacity - lineCapacity)
        lineCapacity = capacity
    }

    private func growText(_ needed: Int) {
        var capacity = byteCapacity * 2
        while capacity < needed { capacity *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        new.moveInitialize(from: text, count: byteCount)
        text.deallocate()
        text = new
        byteCapacity = capacity
    }
}

/// A scanned line of a buffer as the sweep reads it.
struct BufferedLine: LineFields {
    let values: UnsafePointer<Double>
    let presentFields: UInt32
    let runName: String?
    let lossRank: UInt8
    let evalLossRank: UInt8

    @inline(__always)
    subscript(field: LogField) -> Double? {
        presentFields & (1 << UInt32(field.rawValue)) != 0 ? values[field.rawValue] : nil
    }
}
