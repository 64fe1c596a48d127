import CNcursesw
import Foundation

/// What the live view draws with when terminfo has no entry for `$TERM` (a new terminal's name
/// on an old server, a container without a terminfo database): the machine's xterm-256color or
/// vt100 entry when it has one, else a built-in entry written to a private directory and named by
/// `$TERMINFO`. Curses would otherwise stop at start with "Error opening terminal".
public enum TerminfoFallback {
    public enum Outcome: Equatable {
        /// `$TERM` has an entry: nothing changed.
        case known
        /// Drawing as `entry` instead (the machine's entry, or the built-in one when `builtIn`).
        case fellBack(from: String, to: String, builtIn: Bool)
        /// No entry could be found or written: the message says what to set.
        case unusable(String)
    }

    /// Sets `TERM` (and `TERMINFO` for a built-in entry) in this process's environment so that
    /// curses starts. Call before curses does.
    public static func prepare(environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        let term = environment["TERM"] ?? ""
        if !term.isEmpty, st_terminfo_has(term) != 0 { return .known }
        let shown = term.isEmpty ? "(unset)" : term
        let choice = prefersXterm(term: term, environment: environment) ? "xterm-256color" : "vt100"
        for candidate in [choice, choice == "vt100" ? "xterm-256color" : "vt100"] where st_terminfo_has(candidate) != 0 {
            setenv("TERM", candidate, 1)
            return .fellBack(from: shown, to: candidate, builtIn: false)
        }
        guard let directory = writeBuiltIn(choice, environment: environment) else {
            return .unusable("scaletop: terminfo has no entry for TERM=\(shown) and a built-in one could not be written; set TERM to a terminal this machine knows (xterm-256color, vt100) or TERMINFO to a directory holding its entry")
        }
        setenv("TERMINFO", directory, 1)
        setenv("TERM", choice, 1)
        guard st_terminfo_has(choice) != 0 else {
            return .unusable("scaletop: terminfo has no entry for TERM=\(shown), and the built-in \(choice) entry in \(directory) was not accepted; set TERM to a terminal this machine knows")
        }
        return .fellBack(from: shown, to: choice, builtIn: true)
    }

    /// The sentence said after the view closes when it drew with a stand-in entry.
    public static func notice(_ outcome: Outcome) -> String? {
        guard case let .fellBack(from, to, builtIn) = outcome else { return nil }
        let source = builtIn ? "scaletop's built-in entry" : "this machine's entry"
        return "scaletop: no terminfo entry for TERM=\(from); drew as \(to) (\(source)). Set TERM to your terminal's name, or TERMINFO to where its entry is, to use its own."
    }

    /// True when `term` names (or the environment shows) a terminal that speaks xterm's language.
    static func prefersXterm(term: String, environment: [String: String]) -> Bool {
        if environment["COLORTERM"] != nil || environment["TERM_PROGRAM"] != nil { return true }
        let lower = term.lowercased()
        let families = ["xterm", "screen", "tmux", "rxvt", "alacritty", "kitty", "foot", "wezterm", "ghostty", "vte", "gnome", "konsole", "256color", "iterm", "putty", "st-"]
        return families.contains { lower.contains($0) }
    }

    /// Writes the built-in entry `name` under a private directory; returns the directory.
    static func writeBuiltIn(_ name: String, environment: [String: String]) -> String? {
        guard let encoded = BuiltInTerminfo.entries[name], let bytes = Data(base64Encoded: encoded) else { return nil }
        let base = environment["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let directory = "\(base)/scaletop-terminfo-\(getuid())"
        let subdirectory = "\(directory)/\(name.prefix(1))"
        mkdir(directory, 0o700)
        mkdir(subdirectory, 0o700)
        // Never write into a directory someone else made for us to find.
        var status = stat()
        guard lstat(directory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR, status.st_uid == getuid() else { return nil }
        let path = "\(subdirectory)/\(name)"
        let temporary = path + ".\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: bytes), rename(temporary, path) == 0 else {
            unlink(temporary)
            return nil
        }
        return directory
    }
}
