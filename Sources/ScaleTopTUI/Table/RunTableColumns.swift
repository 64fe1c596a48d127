import ScaleTopCore

/// A column of the run table: title, width in cells (the gap after it included), alignment.
struct RunTableColumn: Equatable {
    enum Kind: Equatable {
        case name, params, tokens, loss, best, status, landing

        /// The column a sort key reads.
        init(sortedBy key: RunSortKey) {
            switch key {
            case .params: self = .params
            case .name: self = .name
            case .loss: self = .loss
            case .best: self = .best
            case .progress: self = .tokens
            case .status: self = .status
            }
        }
    }
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
    /// show everything. As the width shrinks, landing, tokens, best and params go, in that
    /// order, so that name, loss and status (what a glance needs) always stay; a name is cut
    /// only when no column is left to give way, and the landing column takes the rest.
    static func layout(width: Int, rows: [RunRow]) -> [RunTableColumn] {
        let longestName = rows.map { TerminalWidth.columns(of: $0.name) }.max() ?? 8
        let wantedName = max(minimumName, longestName + 2)
        // A hint (what to add) takes the landing column's place, in whatever room there is.
        let longestLanding = rows.map { $0.landing.isEmpty ? ($0.hint == nil ? 0 : minimumLanding) : TerminalWidth.columns(of: $0.landing) }.max() ?? 0
        // A status names its run's episode as fully as the other columns leave room for
        // ("finished · plateau 1990–5301", "finished · plateau", "finished ✕"), the landing
        // column keeping room for its longest text.
        let others = 8 + 14 + 8 + 8 + wantedName + (longestLanding > 0 ? longestLanding + 1 : 0)
        let statusColumn = RunRow.StatusDetail.allCases.map { statusWidth(rows, $0) }.first { width - others >= $0 }
            ?? statusWidth(rows, .mark)
        var columns: [RunTableColumn] = [
            .init(kind: .params, width: 8), .init(kind: .tokens, width: 14), .init(kind: .loss, width: 8),
            .init(kind: .best, width: 8), .init(kind: .status, width: statusColumn),
        ]
        func fixed() -> Int { columns.reduce(0) { $0 + $1.width } }
        for drop in [RunTableColumn.Kind.tokens, .best, .params] where width - fixed() < wantedName {
            columns.removeAll { $0.kind == drop }
        }
        let room = width - fixed()
        let nameWidth = max(minimumName, min(wantedName, room))
        let showLanding = longestLanding > 0 && room - nameWidth >= minimumLanding
        var all = [RunTableColumn(kind: .name, width: nameWidth)] + columns
        if showLanding { all.append(RunTableColumn(kind: .landing, width: max(0, room - nameWidth))) }
        var x = 0
        for i in all.indices {
            all[i].x = x
            x += all[i].width
        }
        return all
    }

    static let minimumName = 10
    static let minimumLanding = 14

    /// Room for the longest status at `detail`, 10 cells at least, 30 at most.
    static func statusWidth(_ rows: [RunRow], _ detail: RunRow.StatusDetail) -> Int {
        min(30, max(10, (rows.map { TerminalWidth.columns(of: $0.statusText(detail)) }.max() ?? 0) + 2))
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
        case .status:
            let detail = RunRow.StatusDetail.allCases.first { TerminalWidth.columns(of: row.statusText($0)) < width } ?? .mark
            return row.statusText(detail)
        case .landing:
            if !row.landing.isEmpty {
                // The longest form that fits (one cell is the gap); the shortest, cut, when none does.
                let forms = [row.landing] + row.shorterLandings
                return forms.first { TerminalWidth.columns(of: $0) <= width - 1 } ?? forms.last!
            }
            return row.hint.map { $0.phrase(fitting: width - 1) ?? "" } ?? ""
        }
    }

    /// Losses with three decimals (differences of 0.01 matter at the end of training).
    static func loss(_ value: Double) -> String {
        guard value.isFinite else { return NumberText.short(value) }
        return abs(value) < 100 ? NumberText.fixed(value, digits: 3) : NumberText.short(value)
    }
}
