/// Makes text read from a file safe to show on a terminal: C0 and C1 control characters
/// (ESC among them) and DEL become U+FFFD, so no byte from a log can move the cursor, change
/// colours or retitle the window.
public enum TextSanitizer {
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(isControl(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }
}
