/// The ssh command line for a remote host: `SCALETOP_SSH` (split as a shell would) or `ssh`,
/// then our options, then `--` and the destination, so nothing of the destination can be read as
/// an option. Options given in `SCALETOP_SSH` come first, and ssh keeps the first value it is
/// given for each, so they win over ours.
public struct SSHCommand: Sendable {
    /// The words that run ssh.
    public let program: [String]
    /// The multiplexed connection's socket, in a private folder (mode 0700).
    public let controlPath: String

    public static let environmentVariable = "SCALETOP_SSH"

    public init(environmentValue: String?, controlPath: String) throws(ShellWords.UnclosedQuote) {
        var words = try ShellWords.split(environmentValue ?? "")
        if words.isEmpty { words = ["ssh"] }
        program = words
        self.controlPath = controlPath
    }

    /// The options every connection gets: never a prompt (BatchMode), one multiplexed
    /// connection per host kept 10 s after the last use, a hung host noticed within about 15 s.
    var options: [String] {
        [
            "-o", "BatchMode=yes",
            "-o", "ControlMaster=auto",
            "-o", "ControlPath=\(controlPath)",
            "-o", "ControlPersist=10",
            "-o", "ServerAliveInterval=5",
            "-o", "ServerAliveCountMax=3",
            "-o", "ConnectTimeout=10",
            "-T",
        ]
    }

    /// Runs `command` on the host.
    func arguments(for remote: RemotePath, command: String) -> [String] {
        program + options + (remote.port.map { ["-p", String($0)] } ?? []) + ["--", remote.destination, command]
    }

    /// Asks the host's master connection to end.
    func exitArguments(for remote: RemotePath) -> [String] {
        program + options + (remote.port.map { ["-p", String($0)] } ?? []) + ["-O", "exit", "--", remote.destination]
    }
}
