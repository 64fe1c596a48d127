/// What the keyboard (or the terminal) sent, decoded from ncurses.
public enum TerminalInput: Sendable, Equatable {
    case character(Character)
    /// Ctrl plus a letter (`.control("l")` for Ctrl-L).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case backspace, delete, enter, escape, tab, backTab
    /// The window changed size.
    case resize
}
