import Foundation
import ScaleTopTestSupport
@testable import ScaleTopTerminal
import Testing

/// A terminal terminfo does not know still gets a usable screen, and the built-in entries are the
/// compiled sources in the tree.
@Suite struct TerminfoFallbackTests {
    static let ticAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/tic")
    static let canHideDatabases = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")

    @Test(.enabled(if: ticAvailable, "ncurses' tic is not installed (Debian: ncurses-bin)"))
    func theBuiltInEntriesAreTheirSourcesCompiled() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources/ScaleTopTerminal/Terminfo")
        let names = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".src") }.map { String($0.dropLast(4)) }
        #expect(Set(names) == Set(BuiltInTerminfo.entries.keys))
        let work = try TemporaryDirectory()
        for name in names {
            let outcome = try ChildProcess.run("/usr/bin/tic", ["-o", work.path, sources.appendingPathComponent(name + ".src").path], timeout: 30)
            #expect(outcome.status == 0)
            let compiled = try Data(contentsOf: work.url.appendingPathComponent("\(name.prefix(1))/\(name)"))
            #expect(compiled == Data(base64Encoded: BuiltInTerminfo.entries[name]!), "run scripts/embed-terminfo.sh")
        }
    }

    @Test func xtermLikeNamesGetTheXtermEntry() {
        #expect(TerminfoFallback.prefersXterm(term: "xterm-ghostty", environment: [:]))
        #expect(TerminfoFallback.prefersXterm(term: "alacritty-direct", environment: [:]))
        #expect(TerminfoFallback.prefersXterm(term: "whatever", environment: ["COLORTERM": "truecolor"]))
        #expect(!TerminfoFallback.prefersXterm(term: "nonexistent", environment: [:]))
    }

    /// Runs the live view in tmux under `TERM=nonexistent` (and with every terminfo directory
    /// hidden when `hideDatabases`), quits, and returns the screen after it exited.
    func runUnknownTerminal(hideDatabases: Bool) throws -> (during: String, after: String) {
        let data = SharedData.data("sweep-li2025").path
        let empty = try TemporaryDirectory()
        let view = "TERM=nonexistent TERMINFO_DIRS= LANG=C.UTF-8 exec '\(ScaleTopProcess.executable.path)' '\(data)'"
        let mounts = ["/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo"].filter { FileManager.default.fileExists(atPath: $0) }
            .map { "mount --bind '\(empty.path)' \($0) && " }.joined()
        let command = hideDatabases ? ["unshare", "-m", "sh", "-c", mounts + view] : ["sh", "-c", view]
        let session = try TmuxSession(command: command, width: 100, height: 30)
        let during = try #require(session.waitFor(timeout: 60) { $0.contains("12m") && $0.contains("loss vs compute") }, "\(session.screen())")
        session.send("q")
        let after = try #require(session.waitFor { $0.contains("EXITED") }, "\(session.screen())")
        return (during, after)
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"))
    func anUnknownTermDrawsWithTheMachinesEntry() throws {
        let (_, after) = try runUnknownTerminal(hideDatabases: false)
        #expect(after.contains("EXITED 0"))
        // tmux sets TERM_PROGRAM: an xterm-speaking terminal.
        #expect(after.contains("no terminfo entry for TERM=nonexistent; drew as xterm-256color (this machine's entry)"), "\(after)")
    }

    @Test(.enabled(if: TmuxSession.isAvailable && canHideDatabases, "needs tmux, root and unshare to hide the terminfo directories"))
    func withNoTerminfoDatabaseTheBuiltInEntryDraws() throws {
        let (during, after) = try runUnknownTerminal(hideDatabases: true)
        #expect(during.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        #expect(after.contains("EXITED 0"))
        #expect(after.contains("drew as xterm-256color (scaletop's built-in entry)"), "\(after)")
    }
}
