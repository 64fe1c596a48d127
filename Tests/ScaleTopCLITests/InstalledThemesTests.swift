import Foundation
import ScaleTopTestSupport
import Testing

/// Themes as an installed binary sees them: a copy of `scaletop` outside the checkout, run from
/// another working directory with an empty home, finds the shipped themes built in.
@Suite struct InstalledThemesTests {
    static let sweep = SharedData.data("sweep-li2025").path

    /// A copy of the binary in a fresh folder, and an empty home beside it.
    struct Installed {
        let dir: TemporaryDirectory
        var binary: String { dir.file("bin/scaletop").path }
        var home: String { dir.file("home").path }

        init() throws {
            dir = try TemporaryDirectory()
            try FileManager.default.createDirectory(atPath: dir.file("bin").path, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: dir.file("home").path, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: ScaleTopProcess.executable.path, toPath: binary)
        }

        /// Runs the copy from its home folder (not the checkout), with `extra` in its environment.
        func run(_ arguments: [String], extra: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
            var environment = ProcessInfo.processInfo.environment
            environment["HOME"] = home
            environment.removeValue(forKey: "SCALETOP_THEMES")
            environment.removeValue(forKey: "XDG_CONFIG_HOME")
            environment.removeValue(forKey: "NO_COLOR")
            for (key, value) in extra { environment[key] = value }
            let quoted = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            let outcome = try ChildProcess.run("/bin/sh", ["-c", "cd '\(home)' && exec \(quoted)"], environment: environment, timeout: 120)
            return (outcome.status, String(decoding: outcome.output, as: UTF8.self), String(decoding: outcome.error, as: UTF8.self))
        }
    }

    @Test func exportHonoursEachShippedTheme() throws {
        let installed = try Installed()
        var backgrounds: [String: String] = [:]
        for name in ["default", "dark", "light"] {
            let outcome = try installed.run(["export", Self.sweep, "--svg", "-", "--theme", name])
            #expect(outcome.status == 0, "\(name): \(outcome.error)")
            let background = try #require(outcome.output.firstMatch(of: #/<rect width="100%" height="100%" fill="(#[0-9a-f]{6})"/#)?.output.1)
            backgrounds[name] = String(background)
        }
        // xterm-256 colour 233 (dark's main_bg) is #121212; the others have the white paper.
        #expect(backgrounds["dark"] == "#121212", "\(backgrounds)")
        #expect(backgrounds["light"] == "#ffffff" && backgrounds["default"] == "#ffffff", "\(backgrounds)")
    }

    @Test func anUnknownThemeIsAnErrorListingTheKnownOnesEverywhere() throws {
        let installed = try Installed()
        let export = try installed.run(["export", Self.sweep, "--svg", installed.dir.file("x.svg").path, "--theme", "nosuch"])
        #expect(export.status == 2)
        #expect(export.error.contains("theme 'nosuch'") && export.error.contains("dark, default, light"), "\(export.error)")
        #expect(!FileManager.default.fileExists(atPath: installed.dir.file("x.svg").path))
        let live = try installed.run([Self.sweep, "--theme", "nosuch"])
        #expect(live.status == 2)
        #expect(live.error.contains("theme 'nosuch'") && live.error.contains("dark, default, light"), "\(live.error)")
    }

    @Test func theLiveViewFindsTheDarkThemeBuiltIn() throws {
        let installed = try Installed()
        // No terminal here: past the theme, the live view stops at the terminal check.
        let live = try installed.run([Self.sweep, "--theme", "dark"])
        #expect(live.status == 2)
        #expect(live.error.contains("needs a terminal"), "\(live.error)")
        #expect(!live.error.contains("theme"), "\(live.error)")
    }

    @Test func aThemeFileInTheConfigFolderOverridesTheBuiltIn() throws {
        let installed = try Installed()
        let folder = installed.home + "/.config/scaletop/themes"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Colour 17 is #00005f.
        try "inherits = \"default\"\n[roles]\nmain_bg = 17\n".write(toFile: folder + "/light.toml", atomically: true, encoding: .utf8)
        let outcome = try installed.run(["export", Self.sweep, "--svg", "-"])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("<rect width=\"100%\" height=\"100%\" fill=\"#00005f\""))
        let broken = try installed.run(["export", Self.sweep, "--svg", "-"], extra: ["SCALETOP_THEMES": installed.dir.file("themes").path])
        #expect(broken.status == 0, "a missing override folder is no error")
    }
}
