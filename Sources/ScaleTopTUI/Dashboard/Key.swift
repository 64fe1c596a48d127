/// A key press, as the terminal layer decodes it. Plain values, so key handling is testable
/// without a terminal.
public enum Key: Sendable, Equatable, Hashable {
    /// A printable character (letters, digits, punctuation, space).
    case character(Character)
    /// Ctrl with a letter: `.control("l")` is Ctrl-L.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab
    case enter, escape, backspace
    /// A mouse button, wheel or drag (xterm SGR reporting).
    case mouse(MouseEvent)
}
