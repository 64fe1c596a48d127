import Foundation
import ScaleTopTestSupport
@testable import ScaleTopTerminal
import ScaleTopTUI
import Testing

/// Run names with ZWJ emoji sequences and flags, which a curses cell cannot hold whole.
@Suite struct GraphemeOverlayTests {
    @Test func knowsWhichTerminalsDrawJoinedClustersInTwoColumns() {
        #expect(GraphemeOverlay.isSupported(environment: ["TERM_PROGRAM": "tmux", "TERM_PROGRAM_VERSION": "3.3a"]))
        #expect(GraphemeOverlay.isSupported(environment: ["TERM_PROGRAM": "tmux", "TERM_PROGRAM_VERSION": "3.4"]))
        #expect(!GraphemeOverlay.isSupported(environment: ["TERM_PROGRAM": "tmux", "TERM_PROGRAM_VERSION": "3.2a"]))
        #expect(GraphemeOverlay.isSupported(environment: ["TERM": "xterm-kitty"]))
        #expect(!GraphemeOverlay.isSupported(environment: ["TERM": "xterm-256color"]))
        #expect(!GraphemeOverlay.isSupported(environment: ["TERM_PROGRAM": "WezTerm", "SCALETOP_GRAPHEMES": "0"]))
        #expect(GraphemeOverlay.isSupported(environment: ["TERM": "linux", "SCALETOP_GRAPHEMES": "1"]))
    }

    @Test func keepsOnlyClustersCursesWouldCut() {
        #expect(GraphemeOverlay.isCut("\u{1F469}\u{200D}\u{1F4BB}"))
        #expect(GraphemeOverlay.isCut("\u{1F1E9}\u{1F1EA}"))
        #expect(!GraphemeOverlay.isCut("e\u{301}"))
        #expect(!GraphemeOverlay.isCut("\u{2764}\u{FE0F}"))
        #expect(!GraphemeOverlay.isCut("漢"))
        var overlay = GraphemeOverlay(colours: true)
        overlay.place(Cell("\u{1F469}\u{200D}\u{1F4BB}", style: CellStyle(foreground: 196, bold: true)), at: 2 * 10 + 3)
        overlay.place(Cell("x"), at: 5)
        #expect(overlay.clusters.count == 1)
        // Saved cursor, row 3 column 4 (1-based), bold red, the whole cluster, restored cursor.
        let text = String(decoding: overlay.bytes(width: 10, rows: nil), as: UTF8.self)
        #expect(text == "\u{1B}7\u{1B}[3;4H\u{1B}[0;1;38;5;196m\u{1F469}\u{200D}\u{1F4BB}\u{1B}8")
        #expect(overlay.bytes(width: 10, rows: [0, 1]).isEmpty)
        // Something else drawn in that cell forgets the cluster.
        overlay.place(Cell("y"), at: 23)
        #expect(overlay.bytes(width: 10, rows: nil).isEmpty)
    }
}

@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"))
struct GraphemeClusterTmuxTests {
    static let coder = "\u{1F469}\u{200D}\u{1F4BB}"
    static let flag = "\u{1F1E9}\u{1F1EA}"

    func sweep() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for name in ["\(Self.coder)coder", "\(Self.flag)flag", "plainrun"] {
            try dir.write(name + ".jsonl", "{\"step\": 1, \"loss\": 3.0, \"flops\": 1e18}\n{\"step\": 2, \"loss\": 2.9, \"flops\": 2e18}\n")
        }
        return dir
    }

    /// Display column where `needle` starts in `line`, counting clusters as the terminal does.
    func column(of needle: String, in line: Substring) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return TerminalWidth.columns(of: String(line[..<range.lowerBound]))
    }

    @Test func joinedEmojiAndFlagsAreDrawnWholeAndKeepTheColumnsInLine() throws {
        let dir = try sweep()
        let session = try TmuxSession(command: [ScaleTopProcess.executable.path, dir.path], environment: ["LANG": "C.UTF-8", "SCALETOP_GRAPHEMES": "1"])
        let screen = try #require(session.waitFor(timeout: 60) { $0.contains("plainrun") && $0.contains(Self.coder + "coder") && $0.contains(Self.flag + "flag") }, "\(session.screen())")
        let lines = screen.split(separator: "\n")
        let plain = try #require(lines.first { $0.contains("plainrun") })
        let coder = try #require(lines.first { $0.contains("coder") })
        let flag = try #require(lines.first { $0.contains("flag") })
        // The table's name column starts and ends at the same columns on every row.
        let nameColumn = try #require(column(of: "plainrun", in: plain))
        #expect(column(of: Self.coder, in: coder) == nameColumn)
        #expect(column(of: Self.flag, in: flag) == nameColumn)
        let after = plain[plain.range(of: "plainrun")!.upperBound...].drop { $0 == " " }.prefix(4)
        #expect(column(of: String(after), in: coder).map { $0 > nameColumn } == true)
        #expect(column(of: String(after), in: plain) == column(of: String(after), in: coder))
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }

    @Test func elsewhereTheFirstCharacterStandsWithoutADanglingJoiner() throws {
        let dir = try sweep()
        let session = try TmuxSession(command: [ScaleTopProcess.executable.path, dir.path], environment: ["LANG": "C.UTF-8", "SCALETOP_GRAPHEMES": "0"])
        let screen = try #require(session.waitFor(timeout: 60) { $0.contains("plainrun") && $0.contains("\u{1F469}coder") }, "\(session.screen())")
        #expect(!screen.unicodeScalars.contains { $0.value == 0x200D })
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }
}
