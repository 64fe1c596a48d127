import Foundation
import ScaleTopTestSupport
import Testing

/// Run names come from files; a spreadsheet opening `runs.csv` must not run one as a formula.
@Suite struct CSVFormulaTests {
    @Test func formulaLikeNamesAreWrittenAsText() throws {
        let dir = try TemporaryDirectory()
        let names = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "-2", "plain", "a=b"]
        var lines = ""
        for (k, name) in names.enumerated() {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            lines += "{\"run\": \"\(quoted)\", \"step\": 1, \"tokens\": 1e9, \"params\": \(k + 1)e7, \"loss\": \(3.0 + Double(k))}\n"
        }
        try dir.write("logs/mixed.jsonl", lines)
        let out = dir.file("csv").path
        let outcome = try ScaleTopProcess.run(["export", dir.file("logs").path, "--csv", out])
        #expect(outcome.status == 0, "\(outcome.error)")
        let runs = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8)
        let written = Set(runs.split(separator: "\n").dropFirst().map { CSVFields.parse($0)[0] })
        #expect(written == [
            "'=HYPERLINK(\"http://example.invalid\",\"x\")", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1)", "-2", "plain", "a=b",
        ])
        // No cell of any file starts a formula.
        for name in ["runs.csv", "envelope.csv"] {
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") {
                for cell in CSVFields.parse(line) where cell.first.map({ "=+-@\t\r".contains($0) }) == true {
                    #expect(Double(cell) != nil, "\(name): \(cell)")
                }
            }
        }
    }
}
