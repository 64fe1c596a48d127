/// Splits a command line into words as a POSIX shell would, without running anything:
/// blanks separate words; single quotes keep everything literally; double quotes keep
/// everything but `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes keeps the next
/// character. `SCALETOP_SSH="ssh -F '/etc/my ssh/config'"` gives three words, like git's
/// `GIT_SSH_COMMAND`. No expansion of `$`, `~` or globs happens.
public enum ShellWords {
    public struct UnclosedQuote: Error, CustomStringConvertible {
        public let text: String
        public var description: String { "unclosed quote in \(text)" }
    }

    public static func split(_ text: String) throws(UnclosedQuote) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                guard let close = chars.firstIndex(of: "'") else { throw UnclosedQuote(text: text) }
                word += String(chars[..<close])
                chars = chars[(close + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "\\", let next = chars.first, "\"\\$`".contains(next) {
                        word.append(next)
                        chars = chars.dropFirst()
                    } else if d == "\\", chars.first == "\n" {
                        chars = chars.dropFirst()
                    } else {
                        word.append(d)
                    }
                }
                if !closed { throw UnclosedQuote(text: text) }
            case "\\":
                inWord = true
                if let next = chars.popFirst(), next != "\n" { word.append(next) }
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
