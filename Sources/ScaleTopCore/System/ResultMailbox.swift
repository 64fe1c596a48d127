import Foundation

/// Where a background worker leaves its newest result for a loop asleep in poll(2): a result
/// posted replaces one not yet taken (or is merged with it) and makes `wakeDescriptor` readable;
/// the CPU seconds the worker spent are summed by stage.
public final class ResultMailbox<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result?
    private var cpu = StageCPU()
    private let wakePipe = WakePipe()

    public init() {}

    /// Readable when a result waits.
    public var wakeDescriptor: Int32 { wakePipe.descriptor }

    /// Leaves `result` (combined by `merge` with one not yet taken, if given) and counts `seconds`
    /// of CPU to `stage`.
    public func post(_ result: Result, stage: String, cpu seconds: Double,
                     merge: ((_ untaken: Result, _ new: Result) -> Result)? = nil) {
        lock.lock()
        if let merge, let untaken = self.result {
            self.result = merge(untaken, result)
        } else {
            self.result = result
        }
        cpu.add(stage, seconds)
        lock.unlock()
        wakePipe.wake()
    }

    /// The newest result, once (nil when none arrived since the last call).
    public func take() -> Result? {
        wakePipe.drain()
        lock.lock()
        defer { lock.unlock() }
        let taken = result
        result = nil
        return taken
    }

    /// CPU seconds the worker spent, by stage.
    public var stageCPU: StageCPU {
        lock.lock()
        defer { lock.unlock() }
        return cpu
    }
}
