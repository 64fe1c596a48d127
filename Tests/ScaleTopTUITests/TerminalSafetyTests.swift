import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// Bytes from files (file names, `"run"` strings, sidecar paths in notices) never reach the
/// cell grid as control characters, on a full dashboard read from real files.
@Suite struct TerminalSafetyTests {
    static let escName = "\u{1B}]0;pwn\u{07}evil"

    func hostileSweep() throws -> (TemporaryDirectory, SweepReader) {
        let dir = try TemporaryDirectory()
        // A file name holding ESC and BEL (an OSC that would retitle the window).
        var lines = ["{\"params\": 1e7, \"total_tokens\": 2e6}"]
        for step in 1...20 { lines.append("{\"step\": \(step * 100), \"tokens\": \(step * 100_000), \"loss\": \(6.0 / Double(step).squareRoot())}") }
        try dir.write("\(Self.escName).jsonl", lines.joined(separator: "\n") + "\n")
        // Its sidecar is invalid: the notice names the file, ESC included.
        try dir.write("\(Self.escName).meta.json", "{\"params\": }\n")
        // A "run" string with escaped ESC sequences, raw C1 CSI (U+009B) and raw DEL.
        var other = Data("{\"run\": \"\\u001b[2J\\u001b[31mred".utf8)
        other.append(contentsOf: [0xC2, 0x9B] + Array("6n".utf8) + [0x7F] + Array("\", \"params\": 2e7}\n".utf8))
        for step in 1...20 { other.append(contentsOf: Array("{\"step\": \(step * 100), \"tokens\": \(step * 200_000), \"loss\": \(5.0 / Double(step).squareRoot())}\n".utf8)) }
        try other.write(to: dir.file("b.jsonl"))
        let reader = try SweepFixture.readOnce([dir.path])
        return (dir, reader)
    }

    @Test func fileNamesRunStringsAndNoticesReachTheGridClean() throws {
        let (dir, reader) = try hostileSweep()
        _ = dir
        // The hostile text really is in what was read, so the screen has something to clean.
        #expect(reader.sweep.runs.contains { $0.name.contains("\u{1B}]0;pwn\u{07}") })
        #expect(reader.sweep.runs.contains { $0.name.unicodeScalars.contains("\u{9B}") })
        let notice = try #require(reader.notices.last)
        #expect(notice.contains("\u{1B}"))
        var analyzer = SweepAnalyzer()
        let analysis = analyzer.analyze(reader.sweep)
        let names = reader.sweep.runs.map { TextSanitizer.clean($0.name) }
        for (width, height) in [(120, 40), (80, 24)] {
            for state in [DashboardState(), DashboardState().handle(.character("j"), runs: names)] {
                let grid = DashboardView().render(
                    sweep: reader.sweep, analysis: analysis,
                    context: DashboardContext(sourceLabel: dir.path + "/\u{1B}[H", notice: notice),
                    state: state, width: width, height: height)
                #expect(TUIFixtures.hasNoControlCharacters(grid), "\(width)×\(height)")
                #expect(!grid.text.unicodeScalars.contains { TextSanitizer.isControl($0) && $0 != "\n" })
            }
        }
        let grid = DashboardView().render(
            sweep: reader.sweep, analysis: analysis, context: DashboardContext(sourceLabel: "x", notice: notice),
            state: DashboardState(), width: 120, height: 40)
        // Shown, with each control character replaced, not dropped silently.
        #expect(grid.text.contains("\u{FFFD}]0;pwn\u{FFFD}evil"), "\(grid.text)")
        #expect(grid.text.contains("\u{FFFD}[2J\u{FFFD}[31mred\u{FFFD}6n\u{FFFD}"), "\(grid.text)")
    }

    @Test func sanitizerCoversC0C1DelAndLeavesTextAlone() {
        for value in Array(0x00...0x1F) + Array(0x7F...0x9F) {
            let scalar = Unicode.Scalar(UInt32(value))!
            #expect(TextSanitizer.clean("a\(Character(scalar))b") == "a\u{FFFD}b", "U+\(String(value, radix: 16))")
        }
        #expect(TextSanitizer.clean("d12-N124M é 漢字 😀") == "d12-N124M é 漢字 😀")
    }
}
