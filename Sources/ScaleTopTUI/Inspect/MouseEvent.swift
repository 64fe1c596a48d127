/// A cell on the screen, counted from 0 at the top left.
public struct CellPosition: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// What the mouse did, as xterm's SGR (1006) reporting tells it: which button, pressed,
/// released or moved while held, where, and with which modifiers.
public struct MouseEvent: Sendable, Equatable, Hashable {
    public enum Button: Sendable, Equatable, Hashable { case left, middle, right, wheelUp, wheelDown, none }
    public enum Action: Sendable, Equatable, Hashable { case press, release, drag }

    public var button: Button
    public var action: Action
    public var position: CellPosition
    public var shift = false
    public var alt = false
    public var control = false

    public init(button: Button, action: Action, position: CellPosition, shift: Bool = false, alt: Bool = false, control: Bool = false) {
        self.button = button
        self.action = action
        self.position = position
        self.shift = shift
        self.alt = alt
        self.control = control
    }

    /// The event an SGR report describes: `ESC [ < code ; column ; row M` (press, drag, wheel)
    /// or `… m` (release), columns and rows counted from 1. Nil for a code this does not know.
    public static func sgr(code: Int, column: Int, row: Int, released: Bool) -> MouseEvent? {
        guard code >= 0, column >= 1, row >= 1 else { return nil }
        let position = CellPosition(x: column - 1, y: row - 1)
        let low = code & 3
        let motion = code & 32 != 0
        let wheel = code & 64 != 0
        guard code & 128 == 0 else { return nil }
        var button: Button
        if wheel {
            guard low <= 1 else { return nil }
            button = low == 0 ? .wheelUp : .wheelDown
        } else {
            button = [.left, .middle, .right, .none][low]
        }
        let action: Action = released ? .release : motion ? .drag : .press
        if wheel && released { return nil }
        if button == .none && !motion && !released { button = .none }
        return MouseEvent(button: button, action: action, position: position, shift: code & 4 != 0, alt: code & 8 != 0, control: code & 16 != 0)
    }
}
