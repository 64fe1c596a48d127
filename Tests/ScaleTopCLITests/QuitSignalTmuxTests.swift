import Foundation
import ScaleTopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// Ctrl-\ (SIGQUIT) in the live view, and the Swift runtime's crash reporter on a terminal.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"), .tags(.slow))
struct QuitSignalTmuxTests {
    /// The live view on the shared sweep, started without SWIFT_BACKTRACE (or with `backtrace`).
    func liveView(backtrace: String? = nil) throws -> TmuxSession {
        let data = SharedData.data("sweep-li2025").path
        let unset = backtrace == nil ? ["env", "-u", "SWIFT_BACKTRACE"] : []
        var environment = ["LANG": "C.UTF-8"]
        if let backtrace { environment["SWIFT_BACKTRACE"] = backtrace }
        let session = try TmuxSession(command: unset + [ScaleTopProcess.executable.path, data], environment: environment)
        _ = try #require(session.waitFor(timeout: 60) { $0.contains("12m") })
        return session
    }

    /// The environment of the process the pane's shell runs.
    func childEnvironment(_ session: TmuxSession) throws -> [String] {
        let pids = try TmuxSession.tmux(["list-panes", "-t", session.name, "-F", "#{pane_pid}"])
        let shell = pids.trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let pid = try #require(children.split(separator: " ").first)
        let raw = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        return raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func ctrlBackslashRestoresTheTerminalAndExits() throws {
        let session = try liveView()
        session.send("C-\\")
        // The runtime's crash reporter would print over the screen and wait 30 s for keys.
        let after = try #require(session.waitFor(timeout: 10) { $0.contains("EXITED") }, "\(session.screen())")
        #expect(after.contains("EXITED 0"))
        #expect(!after.contains("loss vs compute"))
        #expect(!after.contains("Crash"))
        #expect(!after.contains("Press space"))
    }

    @Test func theCrashReporterDoesNotWaitForKeys() throws {
        let session = try liveView()
        #expect(try childEnvironment(session).contains("SWIFT_BACKTRACE=interactive=no"))
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }

    @Test func aSettingTheUserMadeIsKept() throws {
        let session = try liveView(backtrace: "enable=no")
        let environment = try childEnvironment(session)
        #expect(environment.contains("SWIFT_BACKTRACE=enable=no"))
        #expect(!environment.contains("SWIFT_BACKTRACE=interactive=no"))
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }
}
