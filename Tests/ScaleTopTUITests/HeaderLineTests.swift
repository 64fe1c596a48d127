import Testing
import ScaleTopCore
@testable import ScaleTopTUI

/// The header line at every width: the alarms on the right stay whole, and on the left whole
/// pieces give way in order (the word FLOPs, the middle of the path, the target) instead of
/// text being cut mid-word.
@Suite struct HeaderLineTests {
    func header(_ summary: DashboardSummary, width: Int) -> String {
        var grid = CellGrid(width: width, height: 1)
        StatusLines(theme: .builtInDefault, glyphs: .unicode).drawHeader(summary, into: &grid, rect: Rect(x: 0, y: 0, width: width, height: 1))
        return grid.rowText(0)
    }

    func summary(label: String, reading: Bool = false) -> DashboardSummary {
        var s = DashboardSummary()
        s.sourceLabel = label
        s.runs = 200
        s.running = 12
        s.targetFlops = 1e22
        s.secondsSinceUpdate = 2
        s.filesWatched = 200
        s.reading = reading
        return s
    }

    @Test func piecesGiveWayWholeAsTheLineNarrows() {
        let label = "/scratch/sweeps/chinchilla-replication-2026/runs"
        for width in stride(from: 60, through: 200, by: 1) {
            let line = header(summary(label: label), width: width)
            #expect(line.contains("updated 2s ago  bad lines 0"), "width \(width): \(line)")
            #expect(line.contains("200 runs (12 running)") || (width < 64 && line.contains(" 200 runs  ")), "width \(width): \(line)")
            // The target is whole or absent, never "target 1e" or "target 1e22 F".
            if line.contains("target") {
                #expect(line.contains("target 1e22 FLOPs  ") || line.contains("target 1e22  "), "width \(width): \(line)")
            }
            // The path is whole, or keeps its start and its end around one ellipsis, or is gone.
            if !line.contains(label) && line.contains("/") {
                let cut = line.split(separator: " ").first { $0.contains("…") }
                #expect(cut.map { $0.hasPrefix("/sc") && $0.hasSuffix("ns") && $0.count >= 8 } == true, "width \(width): \(line)")
            }
            #expect(TerminalWidth.columns(of: line) <= width)
        }
        // Wide enough: everything; the word FLOPs goes before the path is cut.
        #expect(header(summary(label: label), width: 200).contains("\(label)  200 runs (12 running)  target 1e22 FLOPs"))
        let widest = (60...200).first { header(summary(label: label), width: $0).contains(label) }!
        #expect(!header(summary(label: label), width: widest).contains("FLOPs"))
    }

    @Test func aBacklogSaysReadingInsteadOfRunning() {
        let line = header(summary(label: "runs/", reading: true), width: 120)
        #expect(line.contains("200 runs, reading…"))
        #expect(!line.contains("running"))
        var one = summary(label: "runs/")
        one.runs = 1
        one.running = 1
        #expect(header(one, width: 120).contains(" 1 run (1 running)"))
    }

    /// The table's status column says "reading" for runs of a backlog with no verdict yet,
    /// and the header does not count them as running.
    @Test func rowsOfABacklogAreReadingUntilJudged() throws {
        // Three runs: one judged stale, one still going, one that reached its planned steps.
        var sweep = Sweep()
        for (k, name) in ["a", "b", "c"].enumerated() {
            let source = sweep.addSource(path: "\(name).jsonl", defaultRunName: name)
            var record = ScannedRecord()
            record.set(.step, 100)
            record.set(.loss, 3.0)
            if k == 2 { record.set(.totalSteps, 100) }
            sweep.ingest(.record, record, source: source)
        }
        let name = "a"
        let stale = RunStatusVerdict(status: .stale, reason: "no new line for 20 min")
        let rows = RunRow.rows(of: sweep, verdicts: [name: stale], reading: true)
        #expect(rows.map(\.isBeingRead) == [false, true, false])
        #expect(rows.map(\.status) == [.stale, .running, .finished])
        let columns = RunTableColumn.layout(width: 100, rows: rows)
        let status = try #require(columns.first { $0.kind == .status })
        #expect(rows.map(status.text) == ["stale", "reading", "finished"])
        let idle = RunRow.rows(of: sweep, verdicts: [name: stale], reading: false)
        #expect(idle.allSatisfy { !$0.isBeingRead })
    }
}
