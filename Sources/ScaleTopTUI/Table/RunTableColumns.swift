import ScaleTopCore

/// A column of the run table: title, width in cells (the gap after it included), alignment.
struct RunTableColumn: Equatable {
    enum Kind: Equatable { case name, params, tokens, loss, best, status, landing }
    var kind: Kind
    var width: Int
    var x = 0

    var title: String {
        switch kind {
        case .name: "run"
        case .params: "params"
        case .tokens: "tokens"
        case .loss: "loss"
        case .best: "best"
        case .status: "status"
        case .landing: "landing"
        }
    }

    var rightAligned: Bool { [.params, .loss, .best].contains(kind) }

    /// Columns for a table `width` cells wide (the marker's 3 cells excluded). Wide tables
    /// show everything; as the width shrinks, landing, tokens, best and params go, in that
    /// order, so that name, loss and status (what a glance needs) always stay.
    static func layout(width: Int, rows: [RunRow]) -> [RunTableColumn] {
        let longestName = rows.map { TerminalWidth.columns(of: $0.name) }.max() ?? 8
        let hasLanding = rows.contains { !$0.landing.isEmpty || $0.hint != nil }
        var columns: [RunTableColumn] = [
            .init(kind: .params, width: 8), .init(kind: .tokens, width: 14), .init(kind: .loss, width: 8),
            .init(kind: .best, width: 8), .init(kind: .status, width: 10),
        ]
        let minimumName = 10
        let minimumLanding = 14
        func fixed() -> Int { columns.reduce(0) { $0 + $1.width } }
        var showLanding = hasLanding && width - fixed() - minimumName >= minimumLanding
        for drop in [RunTableColumn.Kind.tokens, .best, .params] where width - fixed() - minimumName < 0 {
            columns.removeAll { $0.kind == drop }
        }
        if !hasLanding { showLanding = false }
        let room = width - fixed()
        let nameWidth = showLanding
            ? max(minimumName, min(longestName + 2, 28, room - minimumLanding))
            : max(minimumName, min(longestName + 2, room))
        var all = [RunTableColumn(kind: .name, width: nameWidth)] + columns
        if showLanding { all.append(RunTableColumn(kind: .landing, width: max(0, room - nameWidth))) }
        var x = 0
        for i in all.indices {
            all[i].x = x
            x += all[i].width
        }
        return all
    }

    /// The text of this column for `row`.
    func text(_ row: RunRow) -> String {
        switch kind {
        case .name: return row.name
        case .params: return row.params.map(NumberText.short) ?? "?"
        case .tokens:
            let seen = row.tokens.map(NumberText.short) ?? "?"
            return row.plannedTokens.map { "\(seen)/\(NumberText.short($0))" } ?? seen
        case .loss: return row.lastLoss.map(Self.loss) ?? "–"
        case .best: return row.bestLoss.map(Self.loss) ?? "–"
        case .status: return row.isBeingRead ? "reading" : row.status.rawValue
        case .landing:
            if !row.landing.isEmpty { return row.landing }
            if row.status != .running, let reason = row.statusReason { return reason }
            return row.hint.map { $0.phrase(fitting: width - 1) ?? "" } ?? ""
        }
    }

    /// Losses with three decimals (differences of 0.01 matter at the end of training).
    static func loss(_ value: Double) -> String {
        guard value.isFinite else { return NumberText.short(value) }
        return abs(value) < 100 ? NumberText.fixed(value, digits: 3) : NumberText.short(value)
    }
}
