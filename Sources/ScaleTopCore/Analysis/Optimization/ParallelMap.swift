import Dispatch
import Foundation

/// `transform` over `inputs`, spread over the available cores in contiguous chunks (one per
/// worker), results in input order: the result does not depend on how many cores there are.
func parallelMap<Input: Sendable, Output: Sendable>(_ inputs: [Input], parallel: Bool = true, _ transform: @Sendable (Input) -> Output) -> [Output] {
    let workers = parallel ? min(ProcessInfo.processInfo.activeProcessorCount, inputs.count) : 1
    guard workers > 1 else { return inputs.map(transform) }
    let slots = ResultSlots<Output>(count: inputs.count)
    let chunk = (inputs.count + workers - 1) / workers
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in (worker * chunk)..<min(inputs.count, (worker + 1) * chunk) {
            slots.store(transform(inputs[index]), at: index)
        }
    }
    return slots.values
}

/// Fixed slots that concurrent workers fill at distinct indices.
private final class ResultSlots<Value>: @unchecked Sendable {
    // Safe without a lock: each index is written by exactly one worker, and the reader runs
    // after `concurrentPerform` has returned (which orders all writes before it). A raw buffer,
    // not an array property, because mutating a class's array property from two threads would
    // trip Swift's exclusivity check even at distinct indices.
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: Value, at index: Int) { slots[index] = value }

    var values: [Value] { slots.map { $0! } }
}
