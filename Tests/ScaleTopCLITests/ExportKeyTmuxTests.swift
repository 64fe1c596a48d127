import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ScaleTopTestSupport
import Testing

/// The live view's `w` in a real terminal: the figure and its CSVs land in $SCALETOP_EXPORT_DIR
/// and the notice line says where.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"), .tags(.slow))
struct ExportKeyTmuxTests {
    @Test func wWritesTheViewAndSaysWhere() throws {
        let dir = try TemporaryDirectory()
        let data = SharedData.data("sweep-li2025").path
        let session = try TmuxSession(
            command: [ScaleTopProcess.executable.path, data, "--target", "1e22"],
            environment: ["LANG": "C.UTF-8", "SCALETOP_EXPORT_DIR": dir.path])
        _ = try #require(session.waitFor(timeout: 60) { $0.contains("400m") && $0.contains("α") })
        session.send("w")
        let screen = try #require(session.waitFor { $0.contains("wrote ") })
        #expect(screen.contains("scaletop-"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        let svg = try #require(files.first { $0.hasPrefix("scaletop-") && $0.hasSuffix(".svg") })
        #expect(svg.range(of: #"^scaletop-[0-9]{8}-[0-9]{6}\.svg$"#, options: .regularExpression) != nil)
        let svgData = try Data(contentsOf: dir.file(svg))
        #expect(XMLParser(data: svgData).parse())
        #expect(String(decoding: svgData, as: UTF8.self).components(separatedBy: "class=\"run\"").count - 1 == 11)
        let csvDirectory = dir.file(String(svg.dropLast(4)) + "-csv")
        let csvs = try FileManager.default.contentsOfDirectory(atPath: csvDirectory.path)
        #expect(Set(csvs) == ["envelope.csv", "runs.csv", "fit.csv"])
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }
}
