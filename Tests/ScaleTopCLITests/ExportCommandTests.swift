import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ScaleTopTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// `scaletop export` run as a user runs it: the real binary on the real sweep.
@Suite struct ExportCommandTests {
    static let sweep = SharedData.data("sweep-li2025").path

    static func fields(_ line: Substring) -> [String] { CSVFields.parse(line) }

    @Test func writesAValidSVGWithTheTarget() throws {
        let dir = try TemporaryDirectory()
        let svg = dir.file("out.svg").path
        let outcome = try ScaleTopProcess.run(["export", Self.sweep, "--svg", svg, "--target", "1e22", "--width", "700", "--height", "450"])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("wrote \(svg)"))
        let data = try Data(contentsOf: URL(fileURLWithPath: svg))
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("width=\"700\" height=\"450\""))
        #expect(text.components(separatedBy: "class=\"run\"").count - 1 == 11)
        #expect(text.contains("id=\"envelope\"") && text.contains("id=\"fit\"") && text.contains("id=\"target\""))
        #expect(text.contains(">1e20<"))
    }

    @Test func csvRowsMatchTheReport() throws {
        let dir = try TemporaryDirectory()
        let csv = dir.file("csv").path
        let outcome = try ScaleTopProcess.run(["export", Self.sweep, "--csv", csv, "--target", "1e22"])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.svg").path))
        let report = try ScaleTopProcess.run(["report", Self.sweep, "--json", "--target", "1e22"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let envelope = try #require(json["envelope"] as? [[String: Any]])
        let runs = try #require(json["runs"] as? [[String: Any]])

        func rows(_ name: String) throws -> [[String]] {
            let text = try String(contentsOfFile: csv + "/" + name, encoding: .utf8)
            return text.split(separator: "\n").map(Self.fields)
        }
        let envelopeRows = try rows("envelope.csv")
        #expect(envelopeRows.first == ["flops", "tokens", "step", "loss"])
        #expect(envelopeRows.count - 1 == envelope.count)
        // JSONSerialization on Linux misrounds some 17-digit numbers (see JSONLines), so the
        // report's values are compared to 1e-15; CSVExportTests checks exact round trips.
        func close(_ text: String, _ value: Any?) -> Bool {
            guard let a = Double(text), let b = value as? Double else { return false }
            return abs(a - b) <= 1e-15 * abs(b)
        }
        for (row, entry) in zip(envelopeRows.dropFirst(), envelope) {
            #expect(close(row[0], entry["flops"]) && close(row[1], entry["tokens"]) && close(row[3], entry["loss"]))
        }
        let runRows = try rows("runs.csv")
        #expect(runRows.first == ["run", "params", "step", "tokens", "flops", "loss"])
        for run in runs {
            let name = try #require(run["name"] as? String)
            #expect(runRows.filter { $0[0] == name }.count == run["stored_points"] as? Int)
        }
        #expect(runRows.count - 1 == runs.reduce(0) { $0 + (($1["stored_points"] as? Int) ?? 0) })
        let fitRows = try rows("fit.csv")
        #expect(fitRows.first == ["flops", "predicted_loss", "band_low", "band_high"])
        #expect(fitRows.count - 1 == 200)
        let fit = try #require(json["fit"] as? [String: Any])
        let atTarget = try #require(fit["loss_at_target"] as? Double)
        #expect(abs(Double(fitRows.last![1])! - atTarget) < 1e-6)
        #expect(Double(fitRows.last![0]) == 1e22)
    }

    @Test func aMissingPathExitsTwo() throws {
        let dir = try TemporaryDirectory()
        let outcome = try ScaleTopProcess.run(["export", "/nonexistent/runs", "--svg", dir.file("x.svg").path])
        #expect(outcome.status == 2)
        #expect(outcome.error.contains("/nonexistent/runs"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.svg").path))
    }

    @Test func withoutSvgOrCsvItIsAUsageError() throws {
        let outcome = try ScaleTopProcess.run(["export", Self.sweep])
        #expect(outcome.status == 64)
        #expect(outcome.error.contains("--svg"))
    }

    @Test func aHostileRunNameStillGivesValidXML() throws {
        let dir = try TemporaryDirectory()
        // The name comes from the file name: markup, quotes and an ESC byte.
        let name = "<script>&\"'\u{1B}x"
        try dir.write(name + ".jsonl", """
            {"params": 1e8}
            {"step": 1, "tokens": 1e8, "loss": 5.0}
            {"step": 2, "tokens": 1e9, "loss": 3.5}

            """)
        let svg = dir.file("out.svg").path
        let outcome = try ScaleTopProcess.run(["export", dir.path, "--svg", svg, "--csv", dir.file("csv").path])
        #expect(outcome.status == 0, "\(outcome.error)")
        let data = try Data(contentsOf: URL(fileURLWithPath: svg))
        #expect(!data.contains(0x1B))
        #expect(XMLParser(data: data).parse())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("&lt;script&gt;&amp;&quot;&apos;\u{FFFD}x"))
        let runs = try String(contentsOfFile: dir.file("csv/runs.csv").path, encoding: .utf8)
        #expect(runs.contains("\"<script>&\"\"'\u{FFFD}x\""))
    }

    @Test func svgDashGoesToStandardOutputAndTheListToStandardError() throws {
        let dir = try TemporaryDirectory()
        let outcome = try ScaleTopProcess.run(["export", Self.sweep, "--svg", "-", "--csv", dir.file("csv").path, "--target", "1e22"])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.hasPrefix("<?xml") || outcome.output.hasPrefix("<svg"))
        #expect(outcome.output.contains("id=\"envelope\""))
        #expect(XMLParser(data: Data(outcome.output.utf8)).parse(), "standard output holds the figure and nothing else")
        #expect(outcome.error.contains("wrote \(dir.file("csv").path)/envelope.csv"))
        #expect(!FileManager.default.fileExists(atPath: "-"))
    }

    @Test func csvDashIsAUsageError() throws {
        let outcome = try ScaleTopProcess.run(["export", Self.sweep, "--csv", "-"])
        #expect(outcome.status == 64)
        #expect(outcome.error.contains("--csv takes a directory"))
    }

    @Test func aSymlinkedFigureIsWrittenThroughTheLink() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.write("paper/figure.svg", "old figure").path
        let link = dir.file("latest.svg").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let outcome = try ScaleTopProcess.run(["export", Self.sweep, "--svg", link])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the link is still the link")
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.contains("id=\"envelope\""))
    }

    @Test func aFIFOIsWrittenDirectly() throws {
        let dir = try TemporaryDirectory()
        let fifo = dir.file("figure.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = dir.file("received.svg").path
        let reader = try ChildProcess("/bin/cat", [fifo], output: received)
        let outcome = try ScaleTopProcess.run(["export", Self.sweep, "--svg", fifo])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(try reader.waitOrKill(timeout: 60) == 0)
        var s = stat()
        #expect(lstat(fifo, &s) == 0 && (s.st_mode & S_IFMT) == S_IFIFO, "the FIFO was not replaced by a file")
        let data = try Data(contentsOf: URL(fileURLWithPath: received))
        #expect(XMLParser(data: data).parse())
    }

    @Test func devStdoutWritesTheStreamAndLeavesTheLink() throws {
        var before = stat()
        #expect(lstat("/dev/stdout", &before) == 0)
        let outcome = try ScaleTopProcess.run(["export", Self.sweep, "--svg", "/dev/stdout"])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(XMLParser(data: Data(outcome.output.utf8)).parse())
        var after = stat()
        #expect(lstat("/dev/stdout", &after) == 0 && (after.st_mode & S_IFMT) == S_IFLNK && after.st_ino == before.st_ino)
    }

    @Test func theLegendListsRunsAsTheReportAndTableDo() throws {
        let outcome = try ScaleTopProcess.run(["export", Self.sweep, "--svg", "-"])
        #expect(outcome.status == 0, "\(outcome.error)")
        let report = try ScaleTopProcess.run(["report", Self.sweep, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let names = try #require(json["runs"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        let labels = outcome.output.matches(of: #/class="legend-label"[^>]*>([^<]+)</#).map { String($0.output.1) }.filter(names.contains)
        #expect(labels == names, "legend \(labels), table \(names)")
    }
}
