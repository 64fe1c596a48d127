import ScaleTopTUI

/// What the terminal sent since the last read: the keys, in the order typed, as the dashboard
/// handles them, and whether the window changed size.
public struct TerminalInput: Sendable, Equatable {
    public var keys: [Key] = []
    public var resized = false

    public init(keys: [Key] = [], resized: Bool = false) {
        self.keys = keys
        self.resized = resized
    }
}
