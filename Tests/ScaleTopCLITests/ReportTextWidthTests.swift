import Foundation
import ScaleTopTestSupport
import Testing

/// The text report lines its columns up on a terminal: by columns, not characters.
@Suite struct ReportTextWidthTests {
    @Test func wideNamesKeepTheColumnsInLine() throws {
        let dir = try TemporaryDirectory()
        // Four columns each: two CJK characters (two columns apiece) and four ASCII letters.
        for name in ["漢字", "abcd", "x"] {
            try dir.write("\(name).jsonl", "{\"step\": 1, \"tokens\": 1e6, \"loss\": 2.5}\n")
        }
        let outcome = try ScaleTopProcess.run(["report", dir.path])
        #expect(outcome.status == 0, "\(outcome.error)")
        func gap(after name: String) -> Int? {
            guard let line = outcome.output.split(separator: "\n").first(where: { $0.hasPrefix(name + " ") }) else { return nil }
            return line.dropFirst(name.count).prefix { $0 == " " }.count
        }
        let cjk = try #require(gap(after: "漢字"), "\(outcome.output)")
        #expect(gap(after: "abcd") == cjk, "\(outcome.output)")
        #expect(gap(after: "x") == cjk + 3, "\(outcome.output)")
    }
}
