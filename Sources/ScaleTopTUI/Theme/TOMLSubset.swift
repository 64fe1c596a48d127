/// A value of the TOML subset themes are written in.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
}

/// A parsed theme file: keys by section ("" for the keys before the first `[section]`), each
/// with the line it came from, so that a wrong value can be reported where it was written.
public struct TOMLDocument: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var value: TOMLValue
        public var line: Int
    }

    public var sections: [String: [String: Entry]] = ["": [:]]
    /// Section names in file order (for error messages and stable iteration).
    public var sectionOrder: [String] = [""]

    public func value(_ key: String, in section: String = "") -> Entry? { sections[section]?[key] }
}

/// What went wrong in a theme file, and where.
public struct ThemeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole (missing, unreadable).
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Parses the part of TOML that themes need: `key = value` with bare or quoted keys, `[section]`,
/// strings (basic and literal), integers, floats, booleans, arrays (which may span lines), inline
/// tables (`roles = { fit = 215 }` is the section `[roles]`; inside `[a]`, `b = {...}` is `[a.b]`)
/// and `#` comments. Anything else is an error naming the line, rather than a silently ignored
/// colour.
public enum TOMLSubsetParser {
    public static func parse(_ text: String, file: String) throws(ThemeFileError) -> TOMLDocument {
        var document = TOMLDocument()
        var section = ""
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { String($0) }
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            var content = try stripComment(lines[index], file: file, line: lineNumber)
            index += 1
            content = content.trimmingBlanks()
            if content.isEmpty { continue }
            if content.hasPrefix("[") {
                guard content.hasSuffix("]"), content.count > 2 else {
                    throw ThemeFileError(file: file, line: lineNumber, message: "a section header looks like [name]")
                }
                var header = ValueReader(text: Array(content.dropFirst().dropLast()), file: file, line: lineNumber)
                let name = try header.readKey(naming: "section name")
                try header.expectEnd()
                guard document.sections[name] == nil else {
                    throw ThemeFileError(file: file, line: lineNumber, message: "section [\(name)] appears twice")
                }
                section = name
                document.sections[name] = [:]
                document.sectionOrder.append(name)
                continue
            }
            var keyReader = ValueReader(text: Array(content), file: file, line: lineNumber)
            let key = try keyReader.readKey(naming: "key")
            keyReader.skipBlanks()
            guard keyReader.position < keyReader.text.count, keyReader.text[keyReader.position] == "=" else {
                guard let equals = content.firstIndex(of: "=") else {
                    throw ThemeFileError(file: file, line: lineNumber, message: "expected 'key = value' or '[section]'")
                }
                let written = String(content[..<equals]).trimmingBlanks()
                throw ThemeFileError(file: file, line: lineNumber, message: "key '\(written)' may hold only letters, digits, '_', '-' and '.' unless quoted")
            }
            var valueText = String(keyReader.text[(keyReader.position + 1)...]).trimmingBlanks()
            // An array may continue on the following lines until its brackets balance.
            while valueText.hasPrefix("["), bracketDepth(valueText) > 0, index < lines.count {
                valueText += " " + (try stripComment(lines[index], file: file, line: index + 1)).trimmingBlanks()
                index += 1
            }
            guard !valueText.isEmpty else {
                throw ThemeFileError(file: file, line: lineNumber, message: "expected a value after '='")
            }
            var reader = ValueReader(text: Array(valueText), file: file, line: lineNumber)
            if valueText.hasPrefix("{") {
                // An inline table is the section named by its key (under the current one).
                let entries = try reader.readInlineTable()
                try reader.expectEnd()
                let name = section.isEmpty ? key : section + "." + key
                guard document.sections[name] == nil, document.sections[section]?[key] == nil else {
                    throw ThemeFileError(file: file, line: lineNumber, message: "table '\(name)' is defined twice")
                }
                document.sections[name] = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, TOMLDocument.Entry(value: $0.value, line: lineNumber)) })
                document.sectionOrder.append(name)
                continue
            }
            let value = try reader.readValue()
            try reader.expectEnd()
            guard document.sections[section]?[key] == nil, document.sections[section.isEmpty ? key : section + "." + key] == nil else {
                throw ThemeFileError(file: file, line: lineNumber, message: "key '\(key)' is set twice")
            }
            document.sections[section, default: [:]][key] = TOMLDocument.Entry(value: value, line: lineNumber)
        }
        return document
    }

    static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy(isBareKeyCharacter)
    }

    static func isBareKeyCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == ".")
    }

    /// The line without a `#` comment (a `#` inside a string stays).
    static func stripComment(_ line: String, file: String, line number: Int) throws(ThemeFileError) -> String {
        var quote: Character?
        var escaped = false
        var result = ""
        for character in line {
            if let open = quote {
                if escaped { escaped = false } else if open == "\"" && character == "\\" { escaped = true } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                break
            }
            result.append(character)
        }
        return result
    }

    static func bracketDepth(_ text: String) -> Int {
        var depth = 0, escaped = false
        var quote: Character?
        for character in text {
            if let open = quote {
                if escaped { escaped = false } else if open == "\"" && character == "\\" { escaped = true } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" { quote = character }
            else if character == "[" { depth += 1 }
            else if character == "]" { depth -= 1 }
        }
        return depth
    }
}

/// Reads one value from the text after `=`.
private struct ValueReader {
    let text: [Character]
    let file: String
    let line: Int
    var position = 0

    func fail(_ message: String) -> ThemeFileError { ThemeFileError(file: file, line: line, message: message) }

    mutating func skipBlanks() {
        while position < text.count, text[position] == " " || text[position] == "\t" { position += 1 }
    }

    mutating func expectEnd() throws(ThemeFileError) {
        skipBlanks()
        if position < text.count { throw fail("unexpected '\(String(text[position...]))' after the value") }
    }

    mutating func readValue() throws(ThemeFileError) -> TOMLValue {
        skipBlanks()
        guard position < text.count else { throw fail("expected a value") }
        switch text[position] {
        case "\"": return .string(try readString())
        case "'": return .string(try readLiteralString())
        case "[": return try readArray()
        case "{": throw fail("an inline table may stand only as a key's whole value, not inside another value")
        default: return try readScalar()
        }
    }

    /// A bare key (letters, digits, `_`, `-`, `.`) or a quoted one (`"main bg"`, `'x'`).
    mutating func readKey(naming what: String) throws(ThemeFileError) -> String {
        skipBlanks()
        guard position < text.count else { throw fail("a \(what) is missing") }
        switch text[position] {
        case "\"": return try readString()
        case "'": return try readLiteralString()
        default:
            let start = position
            while position < text.count, TOMLSubsetParser.isBareKeyCharacter(text[position]) { position += 1 }
            guard position > start else {
                if text[start] == "=" { throw fail("a \(what) is missing before '='") }
                throw fail("\(what) '\(String(text[start...]).trimmingBlanks())' may hold only letters, digits, '_', '-' and '.' unless quoted")
            }
            return String(text[start..<position])
        }
    }

    /// A literal string: everything up to the next `'`, no escapes.
    mutating func readLiteralString() throws(ThemeFileError) -> String {
        position += 1
        let start = position
        while position < text.count, text[position] != "'" { position += 1 }
        guard position < text.count else { throw fail("a string is missing its closing quote") }
        position += 1
        return String(text[start..<(position - 1)])
    }

    /// `{ key = value, ... }` on one line, as TOML writes inline tables; keys in file order.
    mutating func readInlineTable() throws(ThemeFileError) -> [(key: String, value: TOMLValue)] {
        position += 1
        var entries: [(key: String, value: TOMLValue)] = []
        skipBlanks()
        if position < text.count, text[position] == "}" {
            position += 1
            return entries
        }
        while true {
            let key = try readKey(naming: "key")
            skipBlanks()
            guard position < text.count, text[position] == "=" else { throw fail("expected '=' after '\(key)' in an inline table") }
            position += 1
            let value = try readValue()
            guard !entries.contains(where: { $0.key == key }) else { throw fail("key '\(key)' is set twice") }
            entries.append((key, value))
            skipBlanks()
            guard position < text.count else { throw fail("an inline table is missing its closing '}'") }
            if text[position] == "," { position += 1; continue }
            if text[position] == "}" { position += 1; return entries }
            throw fail("expected ',' or '}' in an inline table, found '\(text[position])'")
        }
    }

    mutating func readString() throws(ThemeFileError) -> String {
        position += 1
        var result = ""
        while position < text.count {
            let c = text[position]
            position += 1
            switch c {
            case "\"": return result
            case "\\":
                guard position < text.count else { throw fail("unfinished escape in a string") }
                let e = text[position]
                position += 1
                switch e {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "u":
                    let digits = String(text[position..<min(position + 4, text.count)])
                    guard digits.count == 4, let v = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(v) else {
                        throw fail("\\u needs four hex digits")
                    }
                    position += 4
                    result.unicodeScalars.append(scalar)
                default: throw fail("unknown escape '\\\(e)' in a string")
                }
            default: result.append(c)
            }
        }
        throw fail("a string is missing its closing quote")
    }

    mutating func readArray() throws(ThemeFileError) -> TOMLValue {
        position += 1
        var items: [TOMLValue] = []
        while true {
            skipBlanks()
            guard position < text.count else { throw fail("an array is missing its closing ']'") }
            if text[position] == "]" { position += 1; return .array(items) }
            items.append(try readValue())
            skipBlanks()
            guard position < text.count else { throw fail("an array is missing its closing ']'") }
            if text[position] == "," { position += 1; continue }
            if text[position] == "]" { position += 1; return .array(items) }
            throw fail("expected ',' or ']' in an array, found '\(text[position])'")
        }
    }

    mutating func readScalar() throws(ThemeFileError) -> TOMLValue {
        let start = position
        while position < text.count, !(text[position] == "," || text[position] == "]" || text[position] == "}" || text[position] == " " || text[position] == "\t") {
            position += 1
        }
        let word = String(text[start..<position])
        if word == "true" { return .boolean(true) }
        if word == "false" { return .boolean(false) }
        let digits = word.replacingOccurrences(of: "_", with: "")
        if let integer = Int(digits) { return .integer(integer) }
        if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let float = Double(digits), float.isFinite { return .float(float) }
        throw fail(word.isEmpty ? "expected a value" : "'\(word)' is not a value (strings need quotes)")
    }
}

import Foundation

extension String {
    /// Without leading and trailing spaces, tabs, carriage returns and byte-order marks (the
    /// blanks a hand-edited theme file may carry).
    func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{FEFF}" }
        guard let start = firstIndex(where: { !blank($0) }), let end = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[start...end])
    }
}
