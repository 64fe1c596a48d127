import Foundation
import ScaleTopTestSupport
import Testing

/// The live view says why a run is missing from the plot, and takes the fix while running.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"), .tags(.slow))
struct LiveHintsTmuxTests {
    @Test(arguments: [(120, 40), (80, 24)])
    func aRunOffTheAxisSaysWhatToAddUntilASidecarGivesIt(width: Int, height: Int) throws {
        let dir = try TemporaryDirectory()
        try dir.write("g/d12/log.jsonl", "{\"step\": 100, \"loss\": 5.0}\n{\"step\": 200, \"loss\": 4.5}\n{\"step\": 300, \"loss\": 4.2}\n")
        try dir.write("g/d20/log.jsonl", "{\"params\": 5e8, \"tokens_per_step\": 524288, \"max_iters\": 400}\n{\"step\": 100, \"loss\": 4.8}\n{\"step\": 200, \"loss\": 4.2}\n")
        let session = try TmuxSession(
            command: [ScaleTopProcess.executable.path, dir.path + "/g/*/log.jsonl", "--target", "1e21"],
            width: width, height: height, environment: ["LANG": "C.UTF-8"])
        let before = try #require(session.waitFor(timeout: 60) { $0.contains(" hint ") && $0.contains("d20") })
        print(before)
        let lines = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let hint = try #require(lines.first { $0.hasPrefix(" hint ") })
        #expect(hint.contains("d12: no FLOPs axis; pass --params 'd12=N'"))
        let row = try #require(lines.first { $0.contains("● d12") })
        #expect(row.contains("add params") || row.contains("no FLOPs: add params") || row.contains("no FLOPs: log params or pass --params"))
        #expect(lines.allSatisfy { $0.count <= width })

        try dir.write("g/d12/log.meta.json", "{\"params\": \"124M\", \"tokens_per_step\": 524288, \"max_iters\": 400}\n")
        let after = try #require(session.waitFor(timeout: 20) { !$0.contains(" hint ") && $0.contains("1.2e8") })
        print(after)
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }
}
