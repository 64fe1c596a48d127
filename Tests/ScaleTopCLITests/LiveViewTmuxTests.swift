import Foundation
import ScaleTopTestSupport
import Testing

/// The live view in a real terminal (tmux), as a user sees it.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"))
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

    @Test func demoGrowsLiveAndSurvivesResize() throws {
        let session = try TmuxSession(command: [ScaleTopProcess.executable.path, "demo", "--speed", "6"], environment: ["LANG": "C.UTF-8"])
        let first = try #require(session.waitFor(timeout: 60) { $0.contains("sim01") })
        print(first)
        _ = try? TmuxSession.tmux(["resize-window", "-t", session.name, "-x", "80", "-y", "24"])
        let small = try #require(session.waitFor { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count <= 25 && screen.contains("sim")
        })
        print(small)
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 80 })
        session.send("C-c")
        let after = try #require(session.waitFor { $0.contains("EXITED") })
        #expect(after.contains("EXITED 0"))
    }
}
