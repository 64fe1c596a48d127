import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// Which arguments name a remote path, which are refused, and how `SCALETOP_SSH` is split.
@Suite struct RemotePathTests {
    @Test func scpRuleAColonBeforeTheFirstSlash() throws {
        let plain = try #require(try RemotePath.parse("gpu1:runs/a"))
        #expect(plain.destination == "gpu1" && plain.path == "runs/a" && plain.port == nil)
        let user = try #require(try RemotePath.parse("me@gpu1:/abs/path"))
        #expect(user.destination == "me@gpu1" && user.hostLabel == "gpu1" && user.path == "/abs/path")
        // A slash before the colon: a local path that holds a colon.
        #expect(try RemotePath.parse("runs/a:b.jsonl") == nil)
        #expect(try RemotePath.parse("./gpu1:x") == nil)
        #expect(try RemotePath.parse("runs/x") == nil)
        // The login directory itself.
        #expect(try RemotePath.parse("gpu1:")?.path == ".")
    }

    @Test func sshURLsWithUserAndPort() throws {
        let url = try #require(try RemotePath.parse("ssh://me@node7:2222/scratch/runs"))
        #expect(url.destination == "me@node7" && url.port == 2222 && url.path == "/scratch/runs")
        let home = try #require(try RemotePath.parse("ssh://node7/~/runs"))
        #expect(home.path == "runs" && home.port == nil)
        #expect(throws: LogPathError.self) { try RemotePath.parse("ssh://node7:99999/x") }
        #expect(throws: LogPathError.self) { try RemotePath.parse("ssh://node7") }
    }

    /// A host that ssh would read as an option never reaches it.
    @Test func aHostBeginningWithADashIsRefused() {
        for argument in ["-oProxyCommand=touch PWNED:x", "ssh://-oProxyCommand=x/path", "-F/tmp/x:y", ":path"] {
            #expect(throws: LogPathError.self, "\(argument)") { try RemotePath.parse(argument) }
        }
        #expect(throws: LogPathError.self) { try LogPaths.resolve(["-oProxyCommand=sh:x"]) }
    }

    @Test func sshCommandPutsDashDashBeforeTheDestination() throws {
        let ssh = try SSHCommand(environmentValue: "ssh -F '/etc/my ssh/config'", controlPath: "/tmp/d/0")
        let remote = RemotePath(destination: "gpu1", port: 2222, path: "runs")
        let arguments = ssh.arguments(for: remote, command: "true")
        #expect(Array(arguments.prefix(3)) == ["ssh", "-F", "/etc/my ssh/config"])
        #expect(Array(arguments.suffix(3)) == ["--", "gpu1", "true"])
        #expect(arguments.contains("BatchMode=yes") && arguments.contains("ControlPath=/tmp/d/0"))
        #expect(try SSHCommand(environmentValue: nil, controlPath: "/x").program == ["ssh"])
    }

    @Test func shellWordsSplitAsAShellWould() throws {
        #expect(try ShellWords.split("ssh -F /etc/cfg") == ["ssh", "-F", "/etc/cfg"])
        #expect(try ShellWords.split(#"ssh -o "ProxyJump=a b" 'x y'\ z"#) == ["ssh", "-o", "ProxyJump=a b", "x y z"])
        #expect(try ShellWords.split(#"a "\"q\" \$HOME" ''"#) == ["a", "\"q\" $HOME", ""])
        #expect(try ShellWords.split("  ") == [])
        #expect(throws: ShellWords.UnclosedQuote.self) { try ShellWords.split("ssh 'open") }
    }

    /// Paths travel as octal escapes that the remote side's `printf %b` turns back into the
    /// same bytes; run here through a real sh, names that would be code if a shell read them.
    @Test func encodedPathsComeBackAsTheSameBytesThroughSh() throws {
        let names = ["runs/$(touch PWNED)/a b.jsonl", "q'uote\"s", "back`tick`", "new\nline", "tab\there", "-dash", "ünï", "x%sx\\n"]
        for name in names {
            let script = #"p=$(printf '%bx' "$1"); printf '%s' "${p%x}""#
            let outcome = try ChildProcess.run("/bin/sh", ["-c", script, "sh", RemoteScript.encode(Array(name.utf8))], timeout: 10)
            #expect(outcome.status == 0)
            #expect(Array(outcome.output) == Array(name.utf8), "\(name)")
            #expect(!RemoteScript.encode(Array(name.utf8)).contains { " '\"$`\n\t".contains($0) })
        }
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/PWNED"))
    }
}
