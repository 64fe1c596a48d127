import Foundation
import ScaleTopCore
import ScaleTopProcess

/// A private OpenSSH server on 127.0.0.1 for the remote bench: throwaway host and user keys, a
/// free port, its own `sshd_config`, and an `ssh_config` that names it `scaletop-bench`. It can
/// be stopped and started again on the same port (the host going away and coming back).
final class LoopbackSSHServer {
    static let host = "scaletop-bench"
    let directory: String
    let port: Int
    private var pid: pid_t?

    var configPath: String { directory + "/ssh_config" }
    /// The ssh command (`SCALETOP_SSH`) that reaches it.
    var sshCommand: String { "ssh -F \(configPath)" }

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
            throw BenchError.peerFailed("needs /usr/sbin/sshd (scripts/install-deps.sh installs openssh-server)")
        }
        directory = NSTemporaryDirectory() + "scaletop-bench-sshd-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        for key in ["host_key", "user_key"] {
            let keygen = try ProcessSpawn.spawn("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", "\(directory)/\(key)"], environment: [])
            _ = LiveBenchmark.waitForExit(keygen, timeout: 30)
        }
        try FileManager.default.copyItem(atPath: "\(directory)/user_key.pub", toPath: "\(directory)/authorized_keys")
        port = ProcessTree.freeLoopbackPort()
        let user = String(cString: getpwuid(getuid())!.pointee.pw_name)
        let hostKey = try String(contentsOfFile: "\(directory)/host_key.pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(directory)/host_key
            AuthorizedKeysFile \(directory)/authorized_keys
            PidFile none
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password

            """.write(toFile: "\(directory)/sshd_config", atomically: true, encoding: .utf8)
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: "\(directory)/known_hosts", atomically: true, encoding: .utf8)
        try """
            Host \(Self.host)
              HostName 127.0.0.1
              Port \(port)
              User \(user)
              IdentityFile \(directory)/user_key
              IdentitiesOnly yes
              UserKnownHostsFile \(directory)/known_hosts
              StrictHostKeyChecking yes
              LogLevel ERROR

            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts sshd and waits until a login works.
    func start() throws {
        pid = try ProcessSpawn.spawn("/usr/sbin/sshd", ["-D", "-e", "-f", "\(directory)/sshd_config"], environment: [], error: "\(directory)/sshd.log")
        let ready = LiveBenchmark.waitUntil(timeout: 10) {
            guard let probe = try? ProcessSpawn.spawn("/usr/bin/ssh", ["-F", configPath, "-o", "BatchMode=yes", Self.host, "true"], environment: ProcessSpawn.inheritedEnvironment) else { return false }
            return LiveBenchmark.waitForExit(probe, timeout: 10) == 0
        }
        if ready == nil { throw BenchError.peerFailed("sshd did not start on port \(port)") }
    }

    /// Ends sshd and every connection it serves (the host goes away).
    func stop() {
        guard let pid else { return }
        for child in ProcessTree.descendants(of: pid).reversed() + [pid] { kill(child, SIGKILL) }
        _ = LiveBenchmark.waitForExit(pid, timeout: 5)
        self.pid = nil
    }
}

extension ProcessSpawn {
    /// Our environment as `KEY=value` lines.
    static var inheritedEnvironment: [String] {
        ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    }
}
