import Foundation
import Testing
@testable import ScaleTopTUI

/// Theme files are TOML: the inline tables and quoted keys TOML allows are read as TOML means them.
@Suite struct TOMLInlineTablesTests {
    static let repositoryThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    @Test func anInlineTableIsTheSectionOfItsKey() throws {
        let doc = try TOMLSubsetParser.parse("""
            name = "x"
            roles = { fit = 214, "axis_label" = 252, 'band' = 137, list = [1, 2] }
            [runs]
            extra = { depth = 2 }
            """, file: "t.toml")
        #expect(doc.value("fit", in: "roles")?.value == .integer(214))
        #expect(doc.value("axis_label", in: "roles")?.value == .integer(252))
        #expect(doc.value("band", in: "roles")?.value == .integer(137))
        #expect(doc.value("list", in: "roles")?.value == .array([.integer(1), .integer(2)]))
        #expect(doc.value("fit", in: "roles")?.line == 2)
        #expect(doc.value("depth", in: "runs.extra")?.value == .integer(2))
        #expect(doc.value("roles") == nil)
        #expect(doc.sectionOrder == ["", "roles", "runs", "runs.extra"])
    }

    @Test func quotedKeysAndLiteralStrings() throws {
        let doc = try TOMLSubsetParser.parse("""
            "main bg" = 1
            'a=b' = 'C:\\path # not a comment'
            ["quoted section"]
            "" = "empty key"
            """, file: "t.toml")
        #expect(doc.value("main bg")?.value == .integer(1))
        #expect(doc.value("a=b")?.value == .string("C:\\path # not a comment"))
        #expect(doc.value("", in: "quoted section")?.value == .string("empty key"))
    }

    /// Every shipped theme, its sections rewritten as inline tables, loads to the same theme.
    @Test(arguments: ["default", "dark", "light"])
    func aThemeWrittenWithInlineTablesIsTheSameTheme(name: String) throws {
        let text = try String(contentsOf: Self.repositoryThemes.appendingPathComponent(name + ".toml"), encoding: .utf8)
        let inline = Self.inlined(text)
        #expect(inline.contains("roles = {"), "\(inline)")
        let files = ["default.toml": try String(contentsOf: Self.repositoryThemes.appendingPathComponent("default.toml"), encoding: .utf8)]
        let sectioned = try ThemeLoader(directory: "/themes") { path in
            (path as NSString).lastPathComponent == name + ".toml" ? text : files[(path as NSString).lastPathComponent]
        }.load(named: name)
        let inlined = try ThemeLoader(directory: "/themes") { path in
            (path as NSString).lastPathComponent == name + ".toml" ? inline : files[(path as NSString).lastPathComponent]
        }.load(named: name)
        #expect(inlined.colors == sectioned.colors)
        #expect(inlined.palette == sectioned.palette)
    }

    @Test func mistakesNameTheLine() {
        let cases = [
            "roles = { fit = 1 }\n[roles]\nband = 2\n",
            "[roles]\nfit = 1\n\nroles2 = { a = 1, a = 2 }\n",
            "roles = { fit = { inner = 1 } }\n",
            "roles = { fit = 1\n",
            "bad key = 1\n",
        ]
        let lines = [2, 4, 1, 1, 1]
        for (text, line) in zip(cases, lines) {
            #expect {
                try TOMLSubsetParser.parse(text, file: "t.toml")
            } throws: { error in
                (error as? ThemeFileError)?.line == line
            }
        }
    }

    /// `[section]` blocks of key = value lines turned into `section = { ... }` lines.
    static func inlined(_ text: String) -> String {
        var out: [String] = [], section: String?, entries: [String] = []
        func flush() {
            if let section { out.append("\(section) = { \(entries.joined(separator: ", ")) }") }
            entries = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.hasPrefix("[") && line.hasSuffix("]") && !line.contains("=") {
                flush()
                section = String(line.dropFirst().dropLast())
            } else if line.isEmpty {
                continue
            } else if section != nil {
                entries.append(line)
            } else {
                out.append(line)
            }
        }
        flush()
        return out.joined(separator: "\n") + "\n"
    }
}
