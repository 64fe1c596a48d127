import Foundation

/// Drives the real binary in a real terminal: a detached tmux session of a fixed size,
/// `send-keys` for typing and `capture-pane` for reading the screen. Waits for conditions
/// instead of sleeping a fixed time.
public final class TmuxSession {
    public let name: String

    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    }

    public init(command: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        name = "scaletop-test-\(UUID().uuidString.prefix(8))"
        let env = environment.map { "\($0.key)=\($0.value)" }
        let shellCommand = (["env"] + env + command).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", shellCommand + "; echo EXITED $?; sleep 30"])
    }

    /// Runs one tmux command (killed after 20 s: a tmux client never takes that long).
    @discardableResult
    public static func tmux(_ arguments: [String]) throws -> String {
        let outcome = try ChildProcess.run("/usr/bin/tmux", arguments, timeout: 20)
        return String(decoding: outcome.output, as: UTF8.self)
    }

    /// The visible screen as text.
    public func screen() -> String {
        (try? Self.tmux(["capture-pane", "-p", "-t", name])) ?? ""
    }

    public func send(_ keys: String...) {
        _ = try? Self.tmux(["send-keys", "-t", name] + keys)
    }

    /// Waits until the screen satisfies `condition`; returns the screen, or nil after `timeout`.
    public func waitFor(timeout: TimeInterval = 20, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let text = screen()
            if condition(text) { return text }
            usleep(100_000)
        } while Date() < deadline
        return nil
    }

    deinit { _ = try? Self.tmux(["kill-session", "-t", name]) }
}
