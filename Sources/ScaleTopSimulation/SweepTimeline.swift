import ScaleTopCore

/// One line due to be appended to one run's file.
public struct TimedLine: Sendable, Equatable {
    /// Index of the run (and its file) in the plan.
    public var runIndex: Int
    /// Unix seconds at which the line is due.
    public var dueTime: Double
    public var text: String
}

/// All runs' lines merged in the order they are due: every header at the start, then points by
/// time (ties by run index). Pure and lazy, so the writer holds one pending point per run however
/// long the runs are.
public struct SweepTimeline: Sequence, Sendable {
    public let plan: SweepPlan
    public let startTime: Double
    public let speed: Double

    public init(plan: SweepPlan, startTime: Double, speed: Double) {
        precondition(speed > 0, "speed must be positive")
        self.plan = plan
        self.startTime = startTime
        self.speed = speed
    }

    public func makeIterator() -> Iterator { Iterator(timeline: self) }

    public struct Iterator: IteratorProtocol, Sendable {
        private let timeline: SweepTimeline
        private var headersWritten = 0
        private var curves: [RunCurve.Iterator]
        private var pending: [SimulatedPoint?]

        init(timeline: SweepTimeline) {
            self.timeline = timeline
            curves = timeline.plan.runs.map { RunCurve(run: $0, plan: timeline.plan).makeIterator() }
            pending = []
            for index in curves.indices { pending.append(curves[index].next()) }
        }

        public mutating func next() -> TimedLine? {
            let runs = timeline.plan.runs
            if headersWritten < runs.count {
                defer { headersWritten += 1 }
                return TimedLine(
                    runIndex: headersWritten, dueTime: timeline.startTime,
                    text: SimulationLogFormat.headerLine(for: runs[headersWritten]))
            }
            // Linear scan: sweeps have tens of runs, not thousands.
            var earliest: Int?
            for index in pending.indices {
                guard let point = pending[index] else { continue }
                if let best = earliest, let bestPoint = pending[best],
                   bestPoint.elapsedSeconds <= point.elapsedSeconds { continue }
                earliest = index
            }
            guard let index = earliest, let point = pending[index] else { return nil }
            pending[index] = curves[index].next()
            return TimedLine(
                runIndex: index, dueTime: timeline.startTime + point.elapsedSeconds / timeline.speed,
                text: SimulationLogFormat.pointLine(
                    for: point, runStartTime: timeline.startTime, speed: timeline.speed))
        }
    }
}
