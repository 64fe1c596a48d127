import Foundation
import ScaleTopProcess
#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH server of our own on 127.0.0.1: a free port, a throwaway host key and user
/// key, its own `sshd_config`, and an `ssh_config` naming it `scaletop-test`, which
/// `SCALETOP_SSH="ssh -F <config>"` points scaletop at (ssh reads `~/.ssh/config` from the
/// password database, not `$HOME`, so a test cannot use that). It runs as the current user,
/// so the remote side sees this machine's files. Stopped when released.
public final class LocalSSHServer {
    public static let sshdPath = "/usr/sbin/sshd"

    /// sshd, ssh and ssh-keygen are installed (Debian: openssh-server, by scripts/install-deps.sh).
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: sshdPath)
            && ["/usr/bin/ssh", "/usr/bin/ssh-keygen"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static let host = "scaletop-test"

    /// The name `ssh_config` gives this server.
    public let host: String

    public let directory: TemporaryDirectory
    public let port: Int
    private var server: ChildProcess?

    public var configPath: String { directory.file("ssh_config").path }

    /// The `SCALETOP_SSH` value that reaches this server; a hang is noticed within about 3 s.
    public var sshCommand: String {
        "ssh -F \(configPath) -o ServerAliveInterval=1 -o ServerAliveCountMax=2 -o ConnectTimeout=3"
    }

    public init(host: String = LocalSSHServer.host) throws {
        self.host = host
        directory = try TemporaryDirectory(prefix: "scaletop-sshd")
        let dir = directory.path
        for key in ["host_key", "user_key"] {
            let made = try ChildProcess.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", "\(dir)/\(key)"], timeout: 30)
            guard made.status == 0 else { throw Failure(message: "ssh-keygen failed") }
        }
        try FileManager.default.copyItem(atPath: "\(dir)/user_key.pub", toPath: "\(dir)/authorized_keys")
        // sshd wants its privilege separation folder.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        var lastError = ""
        for _ in 0..<5 {
            let port = ProcessTree.freeLoopbackPort()
            try """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(dir)/host_key
                AuthorizedKeysFile \(dir)/authorized_keys
                PidFile none
                StrictModes no
                UsePAM no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                MaxStartups 100

                """.write(toFile: "\(dir)/sshd_config", atomically: true, encoding: .utf8)
            let hostKey = try String(contentsOfFile: "\(dir)/host_key.pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: "\(dir)/known_hosts", atomically: true, encoding: .utf8)
            try """
                Host \(host)
                  HostName 127.0.0.1
                  Port \(port)
                  User \(String(cString: getpwuid(getuid())!.pointee.pw_name))
                  IdentityFile \(dir)/user_key
                  IdentitiesOnly yes
                  UserKnownHostsFile \(dir)/known_hosts
                  StrictHostKeyChecking yes
                  LogLevel ERROR

                """.write(toFile: "\(dir)/ssh_config", atomically: true, encoding: .utf8)
            let started = try ChildProcess(Self.sshdPath, ["-D", "-e", "-f", "\(dir)/sshd_config"], error: "\(dir)/sshd.log")
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if started.wait(timeout: 0) != nil { break }
                let probe = try ChildProcess.run("/usr/bin/ssh", ["-F", "\(dir)/ssh_config", "-o", "BatchMode=yes", host, "true"], timeout: 10)
                if probe.status == 0 {
                    self.port = port
                    server = started
                    return
                }
                usleep(100_000)
            }
            started.signal(SIGKILL)
            _ = try? started.waitOrKill(timeout: 5)
            lastError = (try? String(contentsOfFile: "\(dir)/sshd.log", encoding: .utf8)) ?? ""
        }
        throw Failure(message: "sshd did not start: \(lastError)")
    }

    deinit { stop() }

    public func stop() {
        guard let server else { return }
        for pid in serverProcesses().reversed() { kill(pid, SIGCONT); kill(pid, SIGKILL) }
        _ = try? server.waitOrKill(timeout: 5)
        self.server = nil
    }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The listening sshd and every process it started (the sessions' sshd and shells).
    public func serverProcesses() -> [pid_t] {
        guard let server else { return [] }
        return [server.pid] + ProcessTree.descendants(of: server.pid)
    }

    /// Kills the server's side of every connection (the sshd each connection has, and its
    /// shells), leaving the listener: the connections drop.
    @discardableResult
    public func killConnections() -> Int {
        var killed = 0
        for pid in serverProcesses().dropFirst() where kill(pid, SIGKILL) == 0 { killed += 1 }
        return killed
    }

    /// Stops (SIGSTOP) every sshd of this server: the connections hang.
    public func freeze() { for pid in serverProcesses() { kill(pid, SIGSTOP) } }
    public func thaw() { for pid in serverProcesses() { kill(pid, SIGCONT) } }

    /// Kills the client side of every connection made with `config` (the ssh master
    /// connections and the sessions through them): every ssh whose command line names it (and
    /// `destination`, when given).
    @discardableResult
    public static func killClientConnections(config: String, destination: String? = nil) -> Int {
        var killed = 0
        for pid in ProcessTree.allProcesses() {
            let words = commandLine(of: pid)
            guard words.first.map({ $0.hasSuffix("ssh") }) == true, words.contains(config) else { continue }
            if let destination, !words.contains(destination) { continue }
            if kill(pid, SIGKILL) == 0 { killed += 1 }
        }
        return killed
    }

    @discardableResult
    public func killClientConnections() -> Int { Self.killClientConnections(config: configPath) }

    /// Kills the ssh master connection on the socket `controlPath` (its title is
    /// `ssh: PATH [mux]`): every session multiplexed over it ends.
    @discardableResult
    public static func killMasterConnection(controlPath: String) -> Int {
        var killed = 0
        for pid in ProcessTree.allProcesses() where commandLine(of: pid).joined(separator: " ").contains("\(controlPath) [mux]") {
            if kill(pid, SIGKILL) == 0 { killed += 1 }
        }
        return killed
    }

    /// Its arguments (read with read(2): /proc files say they are empty to stat).
    static func commandLine(of pid: pid_t) -> [String] {
        let fd = open("/proc/\(pid)/cmdline", O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
