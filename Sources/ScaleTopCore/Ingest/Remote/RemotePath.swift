/// A path on another machine, read through ssh: `host:path` (scp's rule: a colon before the
/// first slash) or `ssh://[user@]host[:port]/path`.
public struct RemotePath: Sendable, Hashable {
    /// What ssh is given as the destination: `host` or `user@host`.
    public let destination: String
    public let port: Int?
    /// The path on the host (relative paths are relative to the login directory there).
    public let path: String

    /// The host as run names carry it (`host` of `user@host`).
    public var hostLabel: String {
        guard let at = destination.lastIndex(of: "@") else { return destination }
        return String(destination[destination.index(after: at)...])
    }

    /// Identifies one connection: destination and port.
    public var hostKey: String { port.map { "\(destination):\($0)" } ?? destination }

    /// How the argument reads back (`host:path`).
    public var displayName: String { "\(hostLabel):\(path)" }

    public init(destination: String, port: Int?, path: String) {
        self.destination = destination
        self.port = port
        self.path = path
    }

    /// The remote path an argument names, nil for a local path. A host that begins with `-`
    /// (it would be read as an ssh option), an empty host or path, or a bad port is refused.
    /// This is the one place that tells remote arguments from local ones.
    public static func parse(_ argument: String) throws(LogPathError) -> RemotePath? {
        if argument.hasPrefix("ssh://") {
            let rest = argument.dropFirst(6)
            guard let slash = rest.firstIndex(of: "/") else {
                throw LogPathError(path: argument, reason: "an ssh:// address needs a path after the host (ssh://host/path)")
            }
            var authority = String(rest[..<slash])
            // ssh://host/path is absolute; ssh://host/~/path is under the login directory.
            var path = String(rest[slash...])
            if path.hasPrefix("/~/") { path = String(path.dropFirst(3)) }
            var port: Int?
            if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
                guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                    throw LogPathError(path: argument, reason: "the port must be a number from 1 to 65535")
                }
                port = number
                authority = String(authority[..<colon])
            }
            if authority.hasPrefix("[") && authority.hasSuffix("]") { authority = String(authority.dropFirst().dropLast()) }
            return try checked(RemotePath(destination: authority, port: port, path: path), argument: argument)
        }
        guard let colon = argument.firstIndex(of: ":") else { return nil }
        // `-oProxyCommand=sh /x:y` is meant for ssh whatever slashes it holds.
        if argument.hasPrefix("-") {
            throw LogPathError(path: argument, reason: "refused: a host cannot begin with '-' (ssh would read it as an option)")
        }
        if let slash = argument.firstIndex(of: "/"), slash < colon { return nil }
        let host = String(argument[..<colon])
        let path = String(argument[argument.index(after: colon)...])
        return try checked(RemotePath(destination: host, port: nil, path: path.isEmpty ? "." : path), argument: argument)
    }

    private static func checked(_ remote: RemotePath, argument: String) throws(LogPathError) -> RemotePath {
        let host = remote.destination
        if host.hasPrefix("-") {
            throw LogPathError(path: argument, reason: "refused: a host cannot begin with '-' (ssh would read it as an option)")
        }
        if host.isEmpty || remote.hostLabel.isEmpty {
            throw LogPathError(path: argument, reason: "no host before the ':'")
        }
        if host.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false }) {
            throw LogPathError(path: argument, reason: "refused: a host name cannot hold blanks or control characters")
        }
        if remote.path.isEmpty { throw LogPathError(path: argument, reason: "no path after the host") }
        return remote
    }
}
