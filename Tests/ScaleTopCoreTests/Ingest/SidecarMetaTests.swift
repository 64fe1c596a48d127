import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// `NAME.meta.json` sidecars span lines; a bad one is an error naming the file and the line.
@Suite struct SidecarMetaTests {
    func load(_ text: String) throws -> (String, Result<RunMeta, SidecarMeta.Failure>?) {
        let dir = try TemporaryDirectory()
        let url = try dir.write("a.meta.json", text)
        return (url.path, SidecarMeta.load(url.path, catalog: KeyCatalog()))
    }

    @Test func multiLineSidecarIsRead() throws {
        let (_, result) = try load("{\n  \"params\": 1.24e8,\n  \"tokens_per_step\": 524288\n}\n")
        let meta = try #require(try result?.get())
        #expect(meta.params == 1.24e8)
        #expect(meta.tokensPerStep == 524288)
    }

    @Test(arguments: [
        ("{\n  \"params\": 1.24e8,\n  \"total_tokens\": 1e9,,\n}\n", 3, BadLineKind.invalidSyntax),
        ("{\"params\": x}", 1, .invalidSyntax),
        ("{\n\n\n  params: 1\n}", 4, .invalidSyntax),
        ("{\n  \"params\": 1e8\n}\n{\"x\": 1}\n", 4, .trailingText),
        ("{\n  \"params\": 1e8,\n", 3, .truncated),
        ("[1, 2]\n", 1, .notAnObject),
    ])
    func badSidecarNamesItsLine(text: String, line: Int, kind: BadLineKind) throws {
        let (path, result) = try load(text)
        guard case let .failure(failure)? = result else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(failure == .invalid(path, line: line, kind))
        #expect(failure.description == "\(path): line \(line): \(kind.rawValue)")
    }
}
