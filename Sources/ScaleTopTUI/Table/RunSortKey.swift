/// What the run table is sorted by (the `s` key cycles, `S` reverses).
public enum RunSortKey: String, Sendable, CaseIterable {
    case params, name, loss, best, progress, status

    public var next: RunSortKey {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Whether `a` comes before `b`. Unknown values sort last, ties by name, so the order is
    /// total and rows do not jump between frames.
    func ascending(_ a: RunRow, _ b: RunRow) -> Bool {
        func compare(_ x: Double?, _ y: Double?) -> Bool? {
            let x = x.flatMap { $0.isNaN ? nil : $0 }, y = y.flatMap { $0.isNaN ? nil : $0 }
            switch (x, y) {
            case let (x?, y?): return x == y ? nil : x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return nil
            }
        }
        let decided: Bool?
        switch self {
        case .params: decided = compare(a.params, b.params)
        case .name: decided = nil
        case .loss: decided = compare(a.lastLoss, b.lastLoss)
        case .best: decided = compare(a.bestLoss, b.bestLoss)
        case .progress: decided = compare(a.progress, b.progress)
        case .status: decided = a.status == b.status ? nil : Self.statusRank(a.status) < Self.statusRank(b.status)
        }
        return decided ?? (a.name == b.name ? a.slot < b.slot : a.name < b.name)
    }

    /// Troubles first when sorting by status.
    static func statusRank(_ status: RunStatus) -> Int {
        switch status {
        case .diverged: 0
        case .plateau: 1
        case .stale: 2
        case .running: 3
        case .finished: 4
        }
    }
}

import ScaleTopCore
