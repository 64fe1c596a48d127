import Foundation
import ScaleTopTestSupport
import Testing

/// Logs on another host read through a real sshd on 127.0.0.1 (its own keys, port and config,
/// reached through `SCALETOP_SSH`): the same report as locally, follow mode, hostile names.
@Suite(.tags(.slow), .enabled(if: LocalSSHServer.isAvailable, "needs OpenSSH's sshd, ssh and ssh-keygen (scripts/install-deps.sh installs them)"))
struct RemoteReadingTests {
    let host = LocalSSHServer.host

    func report(_ arguments: [String], server: LocalSSHServer) throws -> ScaleTopProcess.Outcome {
        try ScaleTopProcess.run(["report"] + arguments, environment: ["SCALETOP_SSH": server.sshCommand], timeout: 120)
    }

    /// The report with the host's prefix taken off its run names and the fit's timing left out.
    func comparable(_ json: String, prefix: String = "") -> String {
        var text = prefix.isEmpty ? json : json.replacingOccurrences(of: "\"\(prefix)", with: "\"")
        text = text.replacingOccurrences(of: #""last_ms": [0-9.e+-]+"#, with: "\"last_ms\": 0", options: .regularExpression)
        return text
    }

    /// Every shared data set (JSONL, TensorBoard event files, W&B run files, declared schedules)
    /// gives the same report remotely as locally.
    @Test(arguments: ["sweep-li2025", "tensorboard", "wandb-offline", "schedules-mpl25m"])
    func aSharedSweepReadRemotelyGivesTheSameReportAsLocally(name: String) throws {
        let server = try LocalSSHServer()
        let data = SharedData.data(name).path
        let local = try ScaleTopProcess.run(["report", data, "--json"])
        let remote = try report(["\(host):\(data)", "--json"], server: server)
        #expect(remote.status == 0, "\(remote.error)")
        #expect(remote.output.contains("\"\(host):"))
        #expect(comparable(remote.output, prefix: "\(host):") == comparable(local.output))
        // And as an ssh:// address.
        let url = try report(["ssh://\(host)\(data)", "--json"], server: server)
        #expect(comparable(url.output, prefix: "\(host):") == comparable(local.output))
    }

    /// A simulated sweep (schedules declared in each log's header line) gives the same report remotely; mixed with a local path, runs are
    /// named `host:relative/path` beside the local ones.
    @Test func aSimulatedSweepMatchesAndMixesWithLocalPaths() throws {
        let server = try LocalSSHServer()
        let sweep = try TemporaryDirectory(), localDir = try TemporaryDirectory()
        let simulated = try ScaleTopProcess.run(["simulate", sweep.path, "--runs", "4", "--instant", "--points", "200"])
        #expect(simulated.status == 0, "\(simulated.error)")
        // Cut short, so the runs are still going and are projected to their planned ends.
        for name in try FileManager.default.contentsOfDirectory(atPath: sweep.path) {
            let text = try String(contentsOfFile: sweep.path + "/" + name, encoding: .utf8)
            try (text.split(separator: "\n").prefix(60).joined(separator: "\n") + "\n").write(toFile: sweep.path + "/" + name, atomically: true, encoding: .utf8)
        }
        let local = try ScaleTopProcess.run(["report", sweep.path, "--json"])
        #expect(local.output.contains("\"projected_loss\""))
        let remote = try report(["\(host):\(sweep.path)", "--json"], server: server)
        #expect(remote.status == 0, "\(remote.error)")
        #expect(comparable(remote.output, prefix: "\(host):") == comparable(local.output))

        try localDir.write("sub/a.jsonl", "{\"params\": 1e6}\n{\"tokens\": 1e6, \"loss\": 5.0}\n")
        try FileManager.default.createDirectory(atPath: sweep.path + "/sub", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: localDir.path + "/sub/a.jsonl", toPath: sweep.path + "/sub/a.jsonl")
        let both = try report(["\(host):\(sweep.path)/sub", localDir.path, "--json"], server: server)
        #expect(both.status == 0, "\(both.error)")
        let runs = try #require((try JSONLines.parse(both.output.trimmingCharacters(in: .whitespacesAndNewlines)))["runs"] as? [[String: Any]])
        #expect(Set(runs.compactMap { $0["name"] as? String }) == ["\(host):a", "sub/a"])
    }

    /// `export` reads remote paths too: the same CSV as from the local copy, names apart.
    @Test func exportWritesTheSameCSVFromARemotePath() throws {
        let server = try LocalSSHServer()
        let data = SharedData.data("sweep-li2025").path
        let out = try TemporaryDirectory()
        let local = try ScaleTopProcess.run(["export", data, "--csv", out.file("local").path])
        let remote = try ScaleTopProcess.run(["export", "\(host):\(data)", "--csv", out.file("remote").path],
                                             environment: ["SCALETOP_SSH": server.sshCommand], timeout: 120)
        #expect(local.status == 0 && remote.status == 0, "\(remote.error)")
        for name in ["runs.csv", "envelope.csv", "fit.csv"] {
            let mine = try String(contentsOf: out.file("remote/\(name)"), encoding: .utf8)
            let theirs = try String(contentsOf: out.file("local/\(name)"), encoding: .utf8)
            #expect(!mine.isEmpty && mine.replacingOccurrences(of: "\(host):", with: "") == theirs, "\(name)")
        }
    }

    func points(_ line: String, _ run: String) -> Int? {
        let runs = (try? JSONLines.parse(line))?["runs"] as? [[String: Any]]
        return runs?.first { $0["name"] as? String == run }?["points"] as? Int
    }

    @Test func followSeesAppendsNewFilesTruncationAndRotation() throws {
        let server = try LocalSSHServer()
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"params\": 1e6}\n{\"tokens\": 1e6, \"loss\": 5.0}\n")
        let process = try RunningProcess(["report", "\(host):\(dir.path)", "--json", "--follow", "--interval", "0.05"],
                                         environment: ["SCALETOP_SSH": server.sshCommand])
        let a = "\(host):a", b = "\(host):b"
        #expect(process.waitForNextLine { self.points($0, a) == 1 } != nil, "\(process.errorOutput)")
        try dir.append("a.jsonl", "{\"tokens\": 2e6, \"loss\": 4.0}\n{\"tokens\": 3e6, \"lo")
        #expect(process.waitForNextLine { self.points($0, a) == 2 } != nil)
        try dir.append("a.jsonl", "ss\": 3.0}\n")
        #expect(process.waitForNextLine { self.points($0, a) == 3 } != nil)
        try dir.write("b.jsonl", "{\"params\": 2e6}\n{\"tokens\": 1e6, \"loss\": 4.5}\n")
        #expect(process.waitForNextLine { self.points($0, b) == 1 } != nil)
        // Truncated, then rotated: the run always equals its file.
        try dir.write("a.jsonl", "{\"params\": 1e6}\n{\"tokens\": 1e6, \"loss\": 6.0}\n")
        #expect(process.waitForNextLine { self.points($0, a) == 1 } != nil)
        try FileManager.default.moveItem(at: dir.file("b.jsonl"), to: dir.file("b.jsonl.1"))
        try dir.write("b.jsonl", "{\"params\": 2e6}\n{\"tokens\": 1e6, \"loss\": 4.4}\n{\"tokens\": 2e6, \"loss\": 4.3}\n")
        let rotated = try #require(process.waitForNextLine { self.points($0, b) == 2 })
        #expect(((try JSONLines.parse(rotated))["lines"] as? [String: Any])?["bad"] as? Int == 0)
        #expect(process.stop(SIGTERM) == 0)
    }

    /// Names that a shell would run reach the remote side as data: every log is read, and no
    /// file named PWNED appears anywhere a shell could have made one.
    @Test func hostileNamesAreDataNotCode() throws {
        let server = try LocalSSHServer()
        let dir = try TemporaryDirectory()
        let names = ["$(touch PWNED)", "`touch PWNED`", "a b", "q'x\"y", "new\nline", "$HOME;touch PWNED", "-rf"]
        for name in names {
            try dir.write("runs/\(name)/log.jsonl", "{\"params\": 1e6}\n{\"tokens\": 1e6, \"loss\": 5.0}\n")
        }
        let whole = try report(["\(host):\(dir.path)/runs", "--json"], server: server)
        #expect(whole.status == 0, "\(whole.error)")
        let runs = (try JSONLines.parse(whole.output.trimmingCharacters(in: .whitespacesAndNewlines)))["runs"] as? [[String: Any]]
        #expect(runs?.count == names.count)
        // Each named alone, as a file and as a glob.
        let one = try report(["\(host):\(dir.path)/runs/$(touch PWNED)/log.jsonl", "\(host):\(dir.path)/runs/`touch PWNED`/*.jsonl", "--json"], server: server)
        #expect(one.status == 0, "\(one.error)")
        let home = String(cString: getpwuid(getuid())!.pointee.pw_dir)
        for place in [home, dir.path, dir.path + "/runs", FileManager.default.currentDirectoryPath, "/"] {
            #expect(!FileManager.default.fileExists(atPath: place + "/PWNED"), "\(place)")
        }
    }

    @Test func aHostBeginningWithADashIsRefusedBeforeSshRuns() throws {
        let dir = try TemporaryDirectory()
        let marker = dir.file("PWNED").path
        for argument in ["-oProxyCommand=touch \(marker):x", "ssh://-oProxyCommand=touch%20\(marker)/x"] {
            let outcome = try ScaleTopProcess.run(["report", "--", argument])
            #expect(outcome.status == 2)
            #expect(outcome.error.contains("refused"), "\(outcome.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    /// BatchMode: no prompt; a key that is not accepted is one line that names the host.
    @Test func anAuthenticationFailureIsOneLineNamingTheHost() throws {
        let server = try LocalSSHServer()
        let outcome = try ScaleTopProcess.run(["report", "\(host):/tmp"], environment: ["SCALETOP_SSH": server.sshCommand + " -o User=nobody-here"], timeout: 60)
        #expect(outcome.status == 2)
        let lines = outcome.error.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("\(host): authentication failed") && lines[0].contains("Permission denied"), "\(outcome.error)")
    }

    /// A path that names nothing on the host exits 2, as a local one does.
    @Test func aRemotePathThatNamesNothingExitsTwo() throws {
        let server = try LocalSSHServer()
        let outcome = try report(["\(host):/nonexistent/scaletop"], server: server)
        #expect(outcome.status == 2)
        #expect(outcome.error.contains("\(host):/nonexistent/scaletop: no such file or directory"))
    }
}
