/// The runs of a sweep split by group (see `Sweep.group(of:)`), groups in the order their first
/// run was read; runs with no group, in a sweep that has groups, form the group `ungrouped`.
public struct SweepGroups: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var name: String
        /// Indices into `Sweep.runs`.
        public var runs: [Int]

        public init(name: String, runs: [Int]) {
            self.name = name
            self.runs = runs
        }
    }

    public var groups: [Group]

    /// The name given to runs without a group when others have one.
    public static let ungroupedName = "ungrouped"

    public init(groups: [Group]) { self.groups = groups }

    public init(_ sweep: Sweep) {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        var ungrouped: [Int] = []
        for (index, run) in sweep.runs.enumerated() {
            guard let name = sweep.group(of: run) else {
                ungrouped.append(index)
                continue
            }
            if members[name] == nil { order.append(name) }
            members[name, default: []].append(index)
        }
        groups = order.map { Group(name: $0, runs: members[$0]!) }
        if !groups.isEmpty && !ungrouped.isEmpty {
            groups.append(Group(name: groups.contains { $0.name == Self.ungroupedName } ? "(\(Self.ungroupedName))" : Self.ungroupedName, runs: ungrouped))
        }
    }

    /// Two groups or more: there is something to compare.
    public var isComparison: Bool { groups.count >= 2 }

    /// The group named `name`, else the first.
    public func baseline(named name: String?) -> Group? {
        name.flatMap { wanted in groups.first { $0.name == wanted } } ?? groups.first
    }

    /// Each run's group name by index into `Sweep.runs` (nil when there are no groups).
    public func groupIndexByRun(count: Int) -> [Int?] {
        var index = [Int?](repeating: nil, count: count)
        for (g, group) in groups.enumerated() { for run in group.runs where run < count { index[run] = g } }
        return index
    }
}
