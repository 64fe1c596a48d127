/// One file (or standard input) that feeds the sweep, and what reading it has found so far.
public struct LogSource: Sendable {
    public let id: Int
    /// The path as opened.
    public let path: String
    /// The run a line belongs to when no `"run"` key named another.
    public let defaultRunName: String
    /// The run named by the latest `"run"` key (applies to the lines that follow).
    var currentRunName: String?
    /// Index in `Sweep.runs` of the run the next line goes to, once looked up (nil after the
    /// run changes or runs are removed).
    var currentRunIndex: Int?
    /// Complete, non-blank lines read.
    public internal(set) var lines = 0
    /// Lines skipped as unreadable, by reason.
    public internal(set) var badLines = 0
    public internal(set) var badByKind: [BadLineKind: Int] = [:]
    /// Lines that were JSON objects but carried no key scaletop reads.
    public internal(set) var ignoredLines = 0
    /// Why the file cannot be read right now, if it cannot.
    public internal(set) var error: String?
    /// When a line last arrived (the reader's clock, seconds), for telling stale runs.
    public internal(set) var lastGrowth: Double?
    /// The group its command-line argument named (`base=runs/baseline`), if any.
    public internal(set) var group: String?
    /// The group its header, sidecar or W&B run record declares, if any.
    public internal(set) var declaredGroup: String?

    init(id: Int, path: String, defaultRunName: String) {
        self.id = id
        self.path = path
        self.defaultRunName = defaultRunName
    }

    mutating func resetCounts() {
        currentRunName = nil
        currentRunIndex = nil
        lines = 0
        badLines = 0
        badByKind = [:]
        ignoredLines = 0
    }
}
