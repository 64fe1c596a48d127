#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU seconds the calling thread has used (CLOCK_THREAD_CPUTIME_ID): what one stage of work
/// costs, whatever else the machine is doing.
public enum ThreadCPUClock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// CPU seconds spent in each named stage of a loop, summed. `SCALETOP_STAGE_LOG=PATH` makes the
/// live view and `--follow` write them there (JSON, at most every `writeInterval` seconds), so
/// that a benchmark can tell which stage a regression is in.
public struct StageCPU: Sendable {
    public private(set) var seconds: [String: Double] = [:]

    public init() {}

    /// Runs `body` and adds the thread CPU it took to `stage`.
    public mutating func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = ThreadCPUClock.now()
        defer { seconds[stage, default: 0] += ThreadCPUClock.now() - start }
        return try body()
    }

    public mutating func add(_ stage: String, _ cpu: Double) {
        seconds[stage, default: 0] += cpu
    }

    /// These stages and `other`'s, summed.
    public func merged(with other: StageCPU) -> StageCPU {
        var out = self
        for (stage, value) in other.seconds { out.add(stage, value) }
        return out
    }

    /// `{"stage": seconds, ...}`, stages in name order.
    public var json: String {
        "{" + seconds.keys.sorted().map { "\"\($0)\": \(seconds[$0]!)" }.joined(separator: ", ") + "}"
    }
}
