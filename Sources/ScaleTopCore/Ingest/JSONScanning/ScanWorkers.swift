import Dispatch

/// The threads that scan `ScanBuffer`s beside the reading thread. Each has a serial queue, so
/// it scans buffers in the order they were started, and a scanner of its own; the reading
/// thread joins the scan of a buffer it is about to apply with the first scanner.
final class ScanWorkers: @unchecked Sendable {
    /// Threads in all, the reading one included.
    let threads: Int
    private let queues: [DispatchQueue]
    private let scanners: UnsafeMutablePointer<LineScanner>
    /// Buffers of fewer lines are scanned by the reading thread alone.
    private let parallelLines: Int

    init(catalog: KeyCatalog, threads: Int, parallelLines: Int) {
        self.threads = max(1, threads)
        self.parallelLines = parallelLines
        queues = (1..<self.threads).map { DispatchQueue(label: "scaletop.scan.\($0)", qos: .userInitiated) }
        scanners = .allocate(capacity: self.threads)
        scanners.initialize(repeating: LineScanner(catalog: catalog), count: self.threads)
    }

    deinit {
        scanners.deinitialize(count: threads)
        scanners.deallocate()
    }

    /// Lets the other threads scan `buffer` (when it is large enough to be worth waking them).
    func start(_ buffer: ScanBuffer) {
        guard buffer.lineCount >= parallelLines else { return }
        for k in queues.indices {
            buffer.helpers.enter()
            queues[k].async {
                buffer.scanChunks(with: &self.scanners[k + 1])
                buffer.helpers.leave()
            }
        }
    }

    /// Scans what is left of `buffer` on this thread and waits for the others to finish theirs.
    func finish(_ buffer: ScanBuffer) {
        buffer.scanChunks(with: &scanners[0])
        buffer.helpers.wait()
    }
}
