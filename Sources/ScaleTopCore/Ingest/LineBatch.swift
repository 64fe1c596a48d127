import Dispatch
import Foundation

/// JSONL lines held back so that a large read is scanned on every core: lines are copied in as
/// the tailer finds them, scanned together (split into one contiguous share per core when
/// there are enough), and handed on in their original order. Scanning is the larger part of
/// ingest; applying the results to the sweep stays on the calling thread.
public struct LineBatch {
    /// Below this many lines a batch is scanned on the calling thread: waking another thread
    /// costs more than it saves (a live tail brings a few lines per poll).
    static let parallelThreshold = 2048
    /// A batch is scanned once it holds this many bytes.
    static let byteLimit = 4 << 20

    private(set) var bytes: [UInt8] = []
    /// Where each line starts in `bytes` (it ends where the next starts) and its tailer file.
    private var lines: [(start: Int, file: Int)] = []

    // What each line was, after `scan`.
    private var summaries: [LineSummary] = []
    /// `LogField.count` values per line (those whose bit is set in its summary).
    private var values: [Double] = []

    private var scanners: [LineScanner]
    let workers: Int

    init(catalog: KeyCatalog, workers: Int = LineBatch.processorCount) {
        self.workers = max(1, workers)
        scanners = Array(repeating: LineScanner(catalog: catalog), count: self.workers)
    }

    public static var processorCount: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    var isEmpty: Bool { lines.isEmpty }
    var isFull: Bool { bytes.count >= Self.byteLimit }

    mutating func append(_ line: UnsafeRawBufferPointer, file: Int) {
        lines.append((bytes.count, file))
        bytes.append(contentsOf: line)
    }

    /// Scans every line held, applies each to `sweep` in order (`sources`: the sweep's source
    /// id of each tailer file), and empties the batch.
    mutating func drain(into sweep: inout Sweep, sources: [Int]) {
        let count = lines.count
        guard count > 0 else { return }
        scan(count)
        values.withUnsafeBufferPointer { values in
            for k in 0..<count {
                let summary = summaries[k]
                let line = BatchedLine(values: values.baseAddress! + k &* LogField.count, presentFields: summary.presentFields, runName: summary.runName)
                sweep.ingest(summary.outcome, line, source: sources[lines[k].file])
            }
        }
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    private mutating func scan(_ count: Int) {
        summaries = Array(repeating: LineSummary(), count: count)
        values = Array(repeating: 0, count: count * LogField.count)
        let shares = count >= Self.parallelThreshold ? workers : 1
        let total = bytes.count
        bytes.withUnsafeBufferPointer { text in
            lines.withUnsafeBufferPointer { lines in
                summaries.withUnsafeMutableBufferPointer { summaries in
                    values.withUnsafeMutableBufferPointer { values in
                        scanners.withUnsafeMutableBufferPointer { scanners in
                            let job = ScanJob(
                                text: text.baseAddress!, total: total, lines: lines.baseAddress!, count: count, shares: shares,
                                scanners: scanners.baseAddress!, summaries: summaries.baseAddress!, values: values.baseAddress!)
                            if shares == 1 {
                                job.run(share: 0)
                            } else {
                                DispatchQueue.concurrentPerform(iterations: shares) { job.run(share: $0) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What scanning one line of a batch found, besides its field values.
private struct LineSummary {
    var outcome = ScanOutcome.blank
    var presentFields: UInt32 = 0
    var runName: String?
}

/// A scanned line of a batch as the sweep reads it.
private struct BatchedLine: LineFields {
    let values: UnsafePointer<Double>
    let presentFields: UInt32
    let runName: String?

    @inline(__always)
    subscript(field: LogField) -> Double? {
        presentFields & (1 << UInt32(field.rawValue)) != 0 ? values[field.rawValue] : nil
    }
}

/// One scan of a batch, split into `shares` contiguous ranges of lines; each share has its own
/// scanner and writes only its own lines' slots, so the shares never touch the same memory.
private struct ScanJob: @unchecked Sendable {
    let text: UnsafePointer<UInt8>
    let total: Int
    let lines: UnsafePointer<(start: Int, file: Int)>
    let count: Int
    let shares: Int
    let scanners: UnsafeMutablePointer<LineScanner>
    let summaries: UnsafeMutablePointer<LineSummary>
    let values: UnsafeMutablePointer<Double>

    func run(share: Int) {
        let first = count * share / shares
        let last = count * (share + 1) / shares
        let scanner = scanners + share
        for k in first..<last {
            let start = lines[k].start
            let end = k + 1 < count ? lines[k + 1].start : total
            let outcome = scanner.pointee.scan(UnsafeRawBufferPointer(start: text + start, count: end - start))
            summaries[k].outcome = outcome
            guard outcome == .record else { continue }
            let record = scanner.pointee.record
            var mask: UInt32 = 0
            for f in 0..<LogField.count {
                if let value = record[LogField(rawValue: f)!] {
                    mask |= 1 << UInt32(f)
                    values[k &* LogField.count &+ f] = value
                }
            }
            summaries[k].presentFields = mask
            summaries[k].runName = record.runName
        }
    }
}
