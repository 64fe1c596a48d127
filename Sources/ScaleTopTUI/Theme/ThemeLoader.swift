import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Loads `Themes/NAME.toml`. A theme may start from another (`inherits = "default"`) and set
/// only what differs. Every mistake is a `ThemeFileError` naming the file and line.
public struct ThemeLoader: Sendable {
    /// The folder holding the theme files.
    public var directory: String
    /// Reads a file's text (nil when it cannot); replaceable so tests need no files.
    public var readFile: @Sendable (String) -> String?

    public init(directory: String, readFile: @escaping @Sendable (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }) {
        self.directory = directory
        self.readFile = readFile
    }

    /// The theme called `name`, monochrome when the environment asks for no colour
    /// (`NO_COLOR` set to anything non-empty, per no-color.org).
    public func load(named name: String, environment: [String: String] = [:]) throws(ThemeFileError) -> Theme {
        var theme = try load(named: name, chain: [])
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { theme = theme.monochrome() }
        return theme
    }

    public func path(of name: String) -> String {
        (directory as NSString).appendingPathComponent(name + ".toml")
    }

    private func load(named name: String, chain: [String]) throws(ThemeFileError) -> Theme {
        let file = path(of: name)
        guard TOMLSubsetParser.isBareKey(name), !name.contains("..") else {
            throw ThemeFileError(file: file, line: 0, message: "a theme name may hold only letters, digits, '_', '-' and '.'")
        }
        guard !chain.contains(name) else {
            throw ThemeFileError(file: file, line: 0, message: "themes inherit in a circle: \((chain + [name]).joined(separator: " → "))")
        }
        guard let text = readFile(file) else {
            if name == "default" && chain.isEmpty { return .builtInDefault }
            throw ThemeFileError(file: file, line: 0, message: whyUnreadable(file))
        }
        let document = try TOMLSubsetParser.parse(text, file: file)
        var base = Theme.builtInDefault
        if let parent = document.value("inherits") {
            guard case let .string(parentName) = parent.value else {
                throw ThemeFileError(file: file, line: parent.line, message: "inherits takes a theme name in quotes")
            }
            base = try load(named: parentName, chain: chain + [name])
        }
        return try Self.theme(from: document, file: file, name: name, base: base)
    }

    /// Why `file` could not be read, from the system's own answer (the descriptor limit, a
    /// directory, a permission...), not a guess that it is missing.
    private func whyUnreadable(_ file: String) -> String {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let error = errno
            if error == ENOENT || error == ENOTDIR { return "no such theme file (themes live in \(directory))" }
            return "cannot read: \(String(cString: strerror(error)))"
        }
        defer { close(fd) }
        var byte: UInt8 = 0
        if read(fd, &byte, 1) < 0 { return "cannot read: \(String(cString: strerror(errno)))" }
        return "not UTF-8 text"
    }

    /// Applies a parsed file on top of `base`.
    public static func theme(from document: TOMLDocument, file: String, name: String, base: Theme) throws(ThemeFileError) -> Theme {
        var theme = base
        theme.name = name
        for (key, entry) in document.sections[""] ?? [:] {
            switch key {
            case "name":
                guard case let .string(text) = entry.value else { throw ThemeFileError(file: file, line: entry.line, message: "name takes a string") }
                theme.name = text
            case "inherits", "description": continue
            default: throw ThemeFileError(file: file, line: entry.line, message: "unknown key '\(key)' (expected name, inherits, [roles], [runs])")
            }
        }
        for section in document.sectionOrder where !["", "roles", "runs"].contains(section) {
            let line = document.sections[section]?.values.map(\.line).min() ?? 0
            throw ThemeFileError(file: file, line: max(line - 1, 0), message: "unknown section [\(section)] (expected [roles] or [runs])")
        }
        for (key, entry) in document.sections["roles"] ?? [:] {
            guard let role = ThemeRole(rawValue: key) else {
                let known = ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeFileError(file: file, line: entry.line, message: "unknown role '\(key)' (roles: \(known))")
            }
            switch entry.value {
            case let .string(text) where text == "default": theme.colors[role] = nil
            default: theme.colors[role] = try colorIndex(entry, file: file, what: "role \(key)")
            }
        }
        for (key, entry) in document.sections["runs"] ?? [:] {
            guard key == "palette" else {
                throw ThemeFileError(file: file, line: entry.line, message: "unknown key '\(key)' in [runs] (expected palette)")
            }
            guard case let .array(items) = entry.value, !items.isEmpty else {
                throw ThemeFileError(file: file, line: entry.line, message: "palette takes a non-empty array of colour indices 0-255")
            }
            var palette: [UInt8] = []
            for item in items {
                palette.append(try colorIndex(TOMLDocument.Entry(value: item, line: entry.line), file: file, what: "palette"))
            }
            theme.palette = palette
        }
        return theme
    }

    private static func colorIndex(_ entry: TOMLDocument.Entry, file: String, what: String) throws(ThemeFileError) -> UInt8 {
        guard case let .integer(value) = entry.value, let index = UInt8(exactly: value) else {
            throw ThemeFileError(file: file, line: entry.line, message: "\(what): a colour is an xterm-256 index 0-255 or \"default\"")
        }
        return index
    }
}
