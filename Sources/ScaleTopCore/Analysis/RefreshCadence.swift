/// When each stage of a watching loop is due, so that its work follows the data in proportion to
/// what changed: a stage runs at once for the first change after a quiet spell, then at most once
/// per its interval while changes keep coming, and never later than one interval after a change.
/// Pure: the caller passes the clock, so a test drives it with a fake one.
public struct RefreshCadence: Sendable {
    public enum Stage: Int, CaseIterable, Sendable {
        /// Rebuild the picture and draw it (or print the report line).
        case frame
        /// Hand the sweep to the fits.
        case analysis
        /// Judge the runs that changed.
        case diagnosis
    }

    /// Seconds between two runs of each stage while data keeps changing.
    public var intervals: [Stage: Double]
    /// Time of the first change each stage has not handled yet (nil: nothing pending).
    private var pendingSince: [Stage: Double] = [:]
    private var lastRun: [Stage: Double] = [:]

    /// The live view's cadence: frames twice a second, fits and judgements every 3 and 4 s,
    /// each well inside the 5 s a user may wait for the picture to catch up.
    public static let live = RefreshCadence(intervals: [.frame: 0.5, .analysis: 3, .diagnosis: 4])

    public init(intervals: [Stage: Double]) {
        self.intervals = intervals
    }

    /// The data changed at `now`: every stage has something to do.
    public mutating func dataChanged(at now: Double) {
        for stage in Stage.allCases where pendingSince[stage] == nil { pendingSince[stage] = now }
    }

    /// Only `stage` has something to do (e.g. a new fit needs a new frame).
    public mutating func changed(_ stage: Stage, at now: Double) {
        if pendingSince[stage] == nil { pendingSince[stage] = now }
    }

    public func isPending(_ stage: Stage) -> Bool { pendingSince[stage] != nil }

    /// Pending, and its interval has passed since it last ran.
    public func isDue(_ stage: Stage, now: Double) -> Bool {
        guard pendingSince[stage] != nil else { return false }
        return now >= dueTime(stage)
    }

    /// The stage ran at `now`: what was pending is handled.
    public mutating func ran(_ stage: Stage, at now: Double) {
        pendingSince[stage] = nil
        lastRun[stage] = now
    }

    /// The earliest time a pending stage falls due (nil when nothing is pending).
    public func nextDue() -> Double? {
        Stage.allCases.filter { pendingSince[$0] != nil }.map(dueTime).min()
    }

    private func dueTime(_ stage: Stage) -> Double {
        (lastRun[stage] ?? -.infinity) + (intervals[stage] ?? 0)
    }
}
