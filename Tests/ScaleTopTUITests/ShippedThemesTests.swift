import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// The theme files in Themes/ load, inherit, and differ where they should.
@Suite struct ShippedThemesTests {
    let loader = ThemeLoader(directory: SharedData.repositoryRoot.appendingPathComponent("Themes").path)

    @Test func everyShippedThemeLoads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: loader.directory)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        #expect(Set(names).isSuperset(of: ["default", "dark", "light"]))
        for name in names {
            let theme = try loader.load(named: name)
            #expect(theme.name == name)
            #expect(!theme.palette.isEmpty)
        }
    }

    @Test func lightAndDarkInheritTheDefaultAndChangeTheirOwnRoles() throws {
        let base = try loader.load(named: "default")
        let light = try loader.load(named: "light")
        let dark = try loader.load(named: "dark")
        #expect(light.color(.envelope) != base.color(.envelope))
        #expect(dark.color(.envelope) != light.color(.envelope))
        // A role the dark theme does not set comes from the default.
        #expect(dark.color(.ok) == base.color(.ok))
        #expect(try loader.load(named: "light", environment: ["NO_COLOR": "1"]).isMonochrome)
    }

    @Test func theBuiltInCopyOfEachThemeIsItsFile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: loader.directory)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        #expect(Set(BuiltInThemes.files.keys) == Set(names), "every file in Themes/ is built in, and nothing else (scripts/embed-themes.sh)")
        for name in names {
            let file = try String(contentsOfFile: loader.path(of: name), encoding: .utf8)
            #expect(BuiltInThemes.files[name] == file, "Themes/\(name).toml differs from its built-in copy: run scripts/embed-themes.sh")
        }
    }

    @Test func builtInThemesLoadWithNoFolderAndEqualTheFiles() throws {
        let builtIn = ThemeLoader(overrides: [])
        for name in ["default", "dark", "light"] {
            let embedded = try builtIn.load(named: name)
            let fromFile = try loader.load(named: name)
            #expect(embedded.colors == fromFile.colors && embedded.palette == fromFile.palette, "\(name)")
        }
    }

    @Test func aFileInAnOverrideFolderWinsAndInheritsTheBuiltIns() throws {
        let files = ["/override/light.toml": "name = \"light\"\ninherits = \"default\"\n[roles]\nenvelope = 21\n"]
        let overriding = ThemeLoader(overrides: ["/override"]) { files[$0] }
        let light = try overriding.load(named: "light")
        #expect(light.color(.envelope) == 21)
        #expect(light.color(.fit) == Theme.builtInDefault.color(.fit), "the rest comes from the built-in default")
        #expect(try overriding.load(named: "dark").color(.envelope) == loader.load(named: "dark").color(.envelope), "others stay built in")
    }

    @Test func anUnknownThemeNamesTheKnownOnes() {
        let error = #expect(throws: ThemeFileError.self) { try ThemeLoader(overrides: []).load(named: "nosuch") }
        #expect(error?.description.contains("theme 'nosuch'") == true)
        #expect(error?.description.contains("known themes: dark, default, light") == true, "\(String(describing: error))")
    }
}
