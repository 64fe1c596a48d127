import Foundation
import ScaleTopTestSupport
import Testing

/// Error messages say what the system said, and never pass an argument's control bytes on.
@Suite struct ErrorMessageTests {
    static let sweep = SharedData.data("sweep-li2025").path

    @Test func exportSaysWhyItCannotWrite() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("file", "not a folder\n").path
        let svg = try ScaleTopProcess.run(["export", Self.sweep, "--svg", file + "/out.svg"])
        #expect(svg.status == 1)
        #expect(svg.error.contains("\(file)/out.svg: Not a directory"), "\(svg.error)")
        let csv = try ScaleTopProcess.run(["export", Self.sweep, "--csv", file + "/csv"])
        #expect(csv.status == 1)
        #expect(csv.error.contains("Not a directory"), "\(csv.error)")
    }

    /// A theme that is there but cannot be read is not called missing.
    @Test func anUnreadableThemeIsNotCalledMissing() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: dir.file("themes/odd.toml"), withIntermediateDirectories: true)
        let outcome = try ScaleTopProcess.run(
            ["export", Self.sweep, "--svg", dir.file("out.svg").path, "--theme", "odd"], environment: ["SCALETOP_THEMES": dir.file("themes").path])
        #expect(outcome.status == 2)
        #expect(outcome.error.contains("odd.toml: cannot read: Is a directory"), "\(outcome.error)")
    }

    @Test(arguments: [["report", "/nowhere/\u{1B}]52;c;SGVsbG8=\u{07}.jsonl"], ["report", "/tmp", "--target", "x\u{1B}]52;c;SGVsbG8=\u{07}"]])
    func argumentsInMessagesAreSanitized(arguments: [String]) throws {
        let outcome = try ScaleTopProcess.run(arguments)
        #expect(outcome.status != 0)
        #expect(outcome.error.contains("]52;c;SGVsbG8="), "\(outcome.error)")
        #expect(!outcome.error.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}
