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
}
