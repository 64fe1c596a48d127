import Foundation
import ScaleTopTestSupport
import Testing

/// What the live view says about itself, looked at in a real terminal (tmux 120×40): the filter
/// on the plot, the focus, the sort mark, the selected run's reason.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"), .tags(.slow))
struct ViewMarksTmuxTests {
    @Test func filterFocusSortAndReasonAreOnScreen() throws {
        let dir = try TemporaryDirectory()
        let simulated = try ScaleTopProcess.run(["simulate", dir.file("runs").path, "--instant"])
        #expect(simulated.status == 0, "\(simulated.error)")
        let session = try TmuxSession(
            command: [ScaleTopProcess.executable.path, dir.file("runs").path, "--target", "1e22"], environment: ["LANG": "C.UTF-8"])
        _ = try #require(session.waitFor(timeout: 60) { $0.contains("sim08") && $0.contains("α") && $0.contains("diverged") })

        // The filter narrows the table and the plot's legend says what the plot shows.
        session.send("/")
        for key in ["N", "5", "1", "8", "M"] { session.send(key) }
        session.send("Enter")
        // Both marks are looked for on one capture: a capture taken while the frame is being
        // written may show the plot's part of it and not yet the table's.
        let filtered = try #require(session.waitFor { $0.contains("/N518M/ 1 of 8 runs, others faint") && $0.contains("runs 1 of 8 · /N518M/") },
                                    "\(session.screen())")
        #expect(filtered.contains("runs 1 of 8 · /N518M/"))
        // The only run left is the diverged one: selecting it puts its reason in the table's edge.
        session.send("j")
        let selected = try #require(session.waitFor { $0.contains("sim07-N518M-D10.4B diverged: loss is NaN") }, "\(session.screen())")
        #expect(selected.contains("params▲"), "the default sort is marked")

        session.send("Tab")
        #expect(session.waitFor { $0.contains("┌ ▶ loss vs compute") && !$0.contains("┌ ▶ runs") } != nil, "\(session.screen())")
        session.send("s")
        #expect(session.waitFor { $0.contains("run▲") } != nil, "\(session.screen())")
        session.send("q")
        let after = try #require(session.waitFor { $0.contains("EXITED") })
        #expect(after.contains("EXITED 0"))
    }
}
