import Foundation
import ScaleTopTestSupport
import Testing

/// The `/` filter in a real terminal against run names chosen to make a regex backtrack.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"), .tags(.slow))
struct FilterTmuxTests {
    @Test func aBacktrackingFilterDoesNotFreezeTheView() throws {
        let dir = try TemporaryDirectory()
        for n in 28...30 {
            try dir.write(String(repeating: "a", count: n) + "!.jsonl", "{\"step\": 1, \"loss\": 3.0, \"flops\": 1e18}\n")
        }
        let session = try TmuxSession(command: [ScaleTopProcess.executable.path, dir.path], environment: ["LANG": "C.UTF-8"])
        _ = try #require(session.waitFor(timeout: 60) { $0.contains("aaaaaaaaaa") })
        session.send("/")
        session.send("-l", "(a+)+$")
        // Without a budget each frame took about a minute and no key got through.
        let filtered = try #require(session.waitFor(timeout: 10) { $0.contains("too costly") }, "\(session.screen())")
        #expect(filtered.contains("runs 0 of 3"))
        session.send("Escape")
        session.send("q")
        let after = try #require(session.waitFor(timeout: 10) { $0.contains("EXITED") })
        #expect(after.contains("EXITED 0"))
    }
}
