import Foundation
import ScaleTopCore

/// Loads the theme `NAME`: `NAME.toml` from the first of `directories` that has it, else the
/// built-in text of that name (`BuiltInThemes`). A theme may start from another (`inherits =
/// "default"`, found the same way) and set only what differs. Every mistake is a
/// `ThemeFileError` naming the file and line; an unknown name lists the known ones.
public struct ThemeLoader: Sendable {
    /// Folders of theme files, searched in order before the built-in themes.
    public var directories: [String]
    /// Theme texts by name, used when no folder has the file.
    public var builtIn: [String: String]
    /// Reads a file's text (nil when it cannot); replaceable so tests need no files.
    public var readFile: @Sendable (String) -> String?

    public static let readFromDisk: @Sendable (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }

    /// Themes from one folder only (and the built-in default when it has no `default.toml`).
    public init(directory: String, readFile: @escaping @Sendable (String) -> String? = ThemeLoader.readFromDisk) {
        self.directories = [directory]
        self.builtIn = [:]
        self.readFile = readFile
    }

    /// The shipped themes, each overridable by a file of its name in one of `overrides`.
    public init(overrides: [String], builtIn: [String: String] = BuiltInThemes.files, readFile: @escaping @Sendable (String) -> String? = ThemeLoader.readFromDisk) {
        self.directories = overrides
        self.builtIn = builtIn
        self.readFile = readFile
    }

    /// The first folder searched.
    public var directory: String { directories.first ?? "" }

    /// Where themes are looked for on disk, in order: `$SCALETOP_THEMES`, then
    /// `$XDG_CONFIG_HOME/scaletop/themes` (default `~/.config/scaletop/themes`).
    public static func overrideDirectories(environment: [String: String]) -> [String] {
        var result: [String] = []
        if let custom = environment["SCALETOP_THEMES"], !custom.isEmpty { result.append(custom) }
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            result.append(config + "/scaletop/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            result.append(home + "/.config/scaletop/themes")
        }
        return result
    }

    /// Every theme name this loader can load: the built-in ones and the files in its folders.
    public var knownNames: [String] {
        var names = Set(builtIn.keys)
        for folder in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
        }
        if builtIn.isEmpty { names.insert("default") }
        return names.sorted()
    }

    /// The file (or built-in name) and text of theme `name`, nil when there is none.
    private func locate(_ name: String) -> (file: String, text: String)? {
        for folder in directories {
            let file = (folder as NSString).appendingPathComponent(name + ".toml")
            if let text = readFile(file) { return (file, text) }
        }
        return builtIn[name].map { ("built-in theme '\(name)'", $0) }
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
        var file = path(of: name)
        guard TOMLSubsetParser.isBareKey(name), !name.contains("..") else {
            throw ThemeFileError(file: file, line: 0, message: "a theme name may hold only letters, digits, '_', '-' and '.'")
        }
        guard !chain.contains(name) else {
            throw ThemeFileError(file: file, line: 0, message: "themes inherit in a circle: \((chain + [name]).joined(separator: " → "))")
        }
        guard let (found, text) = locate(name) else {
            if name == "default" && chain.isEmpty { return .builtInDefault }
            // A file that is there but could not be read says why (the descriptor limit, a
            // permission), not that the theme is unknown.
            if let there = directories.map({ ($0 as NSString).appendingPathComponent(name + ".toml") }).first(where: { (try? FileStatus.of(path: $0).get()) != nil }) {
                throw ThemeFileError(file: there, line: 0, message: whyUnreadable(there))
            }
            let known = knownNames.joined(separator: ", ")
            let searched = directories.isEmpty ? "" : "; theme files are looked for in \(directories.joined(separator: ", "))"
            throw ThemeFileError(file: "theme '\(name)'", line: 0, message: "unknown (known themes: \(known)\(searched))")
        }
        file = found
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
        let opened: ReadableFile
        switch ReadableFile.open(file) {
        case let .success(readable): opened = readable
        case let .failure(error):
            if error.isNotFound { return "no such theme file (themes live in \(directory))" }
            return "cannot read: \(error)"
        }
        var byte: UInt8 = 0
        if case let .failed(error) = withUnsafeMutableBytes(of: &byte, { opened.read(into: $0) }) { return "cannot read: \(error)" }
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
