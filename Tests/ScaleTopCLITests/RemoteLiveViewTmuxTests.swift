import Foundation
import ScaleTopTestSupport
import Testing

/// The live view on a remote host, as a person sees it in a terminal: its runs are drawn;
/// when its sshd hangs, the header and the table say `unreachable, retrying in N s`, and
/// when it is back, new lines show again.
@Suite(.enabled(if: TmuxSession.isAvailable && LocalSSHServer.isAvailable, "needs tmux and OpenSSH's sshd (scripts/install-deps.sh)"), .tags(.slow))
struct RemoteLiveViewTmuxTests {
    @Test func aHostThatHangsIsShownInTheHeaderAndTheTableThenResumes() throws {
        let server = try LocalSSHServer()
        let dir = try TemporaryDirectory()
        try dir.write("d12.jsonl", "{\"params\": 1.2e8}\n{\"tokens\": 1e9, \"loss\": 4.0}\n{\"tokens\": 2e9, \"loss\": 3.8}\n")
        let session = try TmuxSession(
            command: [ScaleTopProcess.executable.path, "\(server.host):\(dir.path)"],
            width: 120, height: 40, environment: ["LANG": "C.UTF-8", "SCALETOP_SSH": server.sshCommand])
        #expect(session.waitFor(timeout: 30) { $0.contains("● \(server.host):d12") } != nil)
        server.freeze()
        let down = try #require(session.waitFor(timeout: 30) { screen in
            screen.split(separator: "\n").first?.contains("\(server.host) unreachable, retrying in") == true
                && screen.contains("unreachable")
        })
        print(down)
        let lines = down.split(separator: "\n").map(String.init)
        let row = try #require(lines.first { $0.contains("● \(server.host):d12") })
        #expect(row.contains("unreachable"))
        server.thaw()
        try dir.append("d12.jsonl", "{\"tokens\": 3e9, \"loss\": 3.61}\n")
        let back = try #require(session.waitFor(timeout: 30) { $0.contains("3.610") && !$0.contains("unreachable") })
        print(back)
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }
}
