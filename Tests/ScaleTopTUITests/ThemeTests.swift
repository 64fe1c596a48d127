import Foundation
import Testing
@testable import ScaleTopTUI

@Suite struct ThemeTests {
    static let repositoryThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes").path

    func loader(_ files: [String: String]) -> ThemeLoader {
        ThemeLoader(directory: "/themes") { path in files[(path as NSString).lastPathComponent] }
    }

    @Test func theShippedDefaultThemeLoadsAndMatchesTheBuiltIn() throws {
        let theme = try ThemeLoader(directory: Self.repositoryThemes).load(named: "default")
        #expect(theme.colors == Theme.builtInDefault.colors)
        #expect(theme.palette == Theme.builtInDefault.palette)
        #expect(theme.style(.envelope).foreground == 220)
        #expect(theme.style(.envelope).bold)
    }

    @Test func parsesTheSubset() throws {
        let doc = try TOMLSubsetParser.parse("""
            # comment
            name = "x # not a comment"  # comment
            [roles]
            fit = 214
            ratio = 1.5
            flag = true
            list = [1, 2,
                    3]  # continues
            """, file: "t.toml")
        #expect(doc.value("name")?.value == .string("x # not a comment"))
        #expect(doc.value("fit", in: "roles")?.value == .integer(214))
        #expect(doc.value("ratio", in: "roles")?.value == .float(1.5))
        #expect(doc.value("flag", in: "roles")?.value == .boolean(true))
        #expect(doc.value("list", in: "roles")?.value == .array([.integer(1), .integer(2), .integer(3)]))
        #expect(doc.value("list", in: "roles")?.line == 7)
    }

    @Test func errorsNameTheFileAndLine() {
        let cases: [(String, Int, String)] = [
            ("[roles]\nfit = \"unterminated\n", 2, "closing quote"),
            ("[roles]\nfit 214\n", 2, "key = value"),
            ("[roles]\n\nfit = 999\n", 3, "0-255"),
            ("[roles]\nfti = 3\n", 2, "unknown role 'fti'"),
            ("[runs]\npalette = [1, \"x\"]\n", 2, "palette"),
            ("[roles]\nfit = bare\n", 2, "quotes"),
        ]
        for (text, line, words) in cases {
            do {
                _ = try loader(["bad.toml": text]).load(named: "bad")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.file == "/themes/bad.toml")
                #expect(error.line == line, "\(error)")
                #expect(error.description.contains(words), "\(error)")
                #expect(error.description.hasPrefix("/themes/bad.toml:\(line): "))
            }
        }
    }

    @Test func aThemeInheritsAnother() throws {
        let themes = loader([
            "default.toml": "[roles]\nfit = 214\nenvelope = 220\n[runs]\npalette = [1, 2, 3]\n",
            "light.toml": "inherits = \"default\"\nname = \"light\"\n[roles]\nenvelope = 130\nmain_bg = 255\n",
        ])
        let light = try themes.load(named: "light")
        #expect(light.name == "light")
        #expect(light.colors[.envelope] == 130)
        #expect(light.colors[.fit] == 214)
        #expect(light.palette == [1, 2, 3])
        #expect(light.style(.fit).background == 255)
    }

    @Test func inheritanceCyclesAreReported() {
        let themes = loader(["a.toml": "inherits = \"b\"\n", "b.toml": "inherits = \"a\"\n"])
        #expect(throws: ThemeFileError.self) { try themes.load(named: "a") }
    }

    @Test func noColorGivesMonochromeStylesThatKeepMeaning() throws {
        let theme = try loader([:]).load(named: "default", environment: ["NO_COLOR": "1"])
        #expect(theme.isMonochrome)
        #expect(ThemeRole.allCases.allSatisfy { theme.style($0).foreground == nil })
        #expect(theme.runStyle(slot: 3).foreground == nil)
        #expect(theme.style(.envelope).bold)
        #expect(theme.style(.extrapolation).dim)
        let colored = try loader([:]).load(named: "default", environment: ["NO_COLOR": ""])
        #expect(!colored.isMonochrome, "an empty NO_COLOR does not count")
    }

    @Test func missingThemeIsAClearError() {
        #expect(throws: ThemeFileError.self) { try loader([:]).load(named: "nope") }
    }
}
