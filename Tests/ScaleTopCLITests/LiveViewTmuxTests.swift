import Foundation
import ScaleTopTestSupport
import Testing

/// The live view in a real terminal (tmux), as a user sees it.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"), .tags(.slow))
struct LiveViewTmuxTests {
    @Test func showsTheSweepAndQuitsCleanly() throws {
        let data = SharedData.data("sweep-li2025").path
        let session = try TmuxSession(command: [ScaleTopProcess.executable.path, data, "--target", "1e22"], environment: ["LANG": "C.UTF-8"])
        // The table lists the runs; the fit line appears once the background fit lands.
        let screen = try #require(session.waitFor(timeout: 60) { $0.contains("400m") && $0.contains("12m") && $0.contains("α") })
        print(screen)
        #expect(screen.contains("1e18") || screen.contains("1e19"))
        #expect(!screen.contains("\u{1B}"))
        session.send("?")
        #expect(session.waitFor { $0.lowercased().contains("help") } != nil)
        session.send("Escape")
        session.send("q")
        let after = try #require(session.waitFor { $0.contains("EXITED") })
        #expect(after.contains("EXITED 0"))
    }

    static func hasBraille(_ screen: String) -> Bool {
        screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
    }

    /// The end-to-end check: demo at 120×40 with LANG=C.UTF-8, braille and FLOPs ticks,
    /// help on `?`, resize to 80×24, `q`, exit status 0 and the terminal restored.
    @Test func demoGrowsLiveAndSurvivesResize() throws {
        let session = try TmuxSession(command: [ScaleTopProcess.executable.path, "demo", "--speed", "6"], environment: ["LANG": "C.UTF-8"])
        let first = try #require(session.waitFor(timeout: 60) { $0.contains("sim01") && Self.hasBraille($0) && $0.contains("1e1") })
        print(first)
        session.send("?")
        #expect(session.waitFor { $0.contains("any key closes") } != nil)
        session.send("Escape")
        _ = try? TmuxSession.tmux(["resize-window", "-t", session.name, "-x", "80", "-y", "24"])
        let small = try #require(session.waitFor { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count <= 25 && screen.contains("sim") && !screen.contains("any key closes")
        })
        print(small)
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 80 })
        session.send("q")
        let after = try #require(session.waitFor { $0.contains("EXITED") })
        #expect(after.contains("EXITED 0"))
        // The alternate screen is gone: nothing of the dashboard is left on the terminal.
        #expect(!after.contains("loss vs compute"))
        #expect(!Self.hasBraille(after))
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let data = SharedData.data("sweep-li2025").path
        let session = try TmuxSession(command: [ScaleTopProcess.executable.path, data], environment: ["LANG": "C.UTF-8"])
        _ = try #require(session.waitFor(timeout: 60) { $0.contains("12m") })
        let pids = try TmuxSession.tmux(["list-panes", "-t", session.name, "-F", "#{pane_pid}"])
        let shell = Int32(pids.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        // The pane runs sh -c '...; echo EXITED'; scaletop is its child.
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let child = children.split(separator: " ").compactMap { Int32($0) }.first
        let pid = try #require(child)
        kill(pid, SIGTERM)
        let after = try #require(session.waitFor { $0.contains("EXITED") })
        #expect(after.contains("EXITED 0"))
        #expect(!after.contains("loss vs compute"))
    }

    /// `--on-alert` in the live view: the simulated divergence runs the command (its output
    /// never reaches the screen).
    @Test func demoRunsTheAlertCommandWhenARunDiverges() throws {
        let dir = try TemporaryDirectory()
        let record = dir.file("alerts.txt").path
        let command = "echo \"$1 $2\" >> '\(record)'; echo NOT-ON-SCREEN"
        let session = try TmuxSession(command: [ScaleTopProcess.executable.path, "demo", "--speed", "40", "--on-alert", command], environment: ["LANG": "C.UTF-8"])
        func sim07Alerted(_ text: String) -> Bool {
            text.split(separator: "\n").contains { $0.hasPrefix("sim07") && $0.hasSuffix(" diverged") }
        }
        let deadline = Date().addingTimeInterval(120)
        var alerts = ""
        repeat {
            alerts = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
            if sim07Alerted(alerts) { break }
            usleep(200_000)
        } while Date() < deadline
        #expect(sim07Alerted(alerts), "alerts: \(alerts)")
        // Its onset is marked on the plot, and the command's output never reaches the screen.
        let screen = session.waitFor { $0.contains("✕ onset") && $0.contains("diverged") }
        #expect(screen != nil, "\(session.screen())")
        #expect(!(screen ?? session.screen()).contains("NOT-ON-SCREEN"))
        session.send("q")
        let after = try #require(session.waitFor { $0.contains("EXITED") })
        #expect(after.contains("EXITED 0"))
    }
}
