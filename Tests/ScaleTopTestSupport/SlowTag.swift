import Testing

extension Tag {
    /// Suites that drive the binary in tmux, follow logs for seconds, or fit whole shared
    /// sweeps many times. Locally `swift test --skip "$(scripts/slow-suites.sh)"` leaves them
    /// out (the script reads this tag from the tests); CI runs every suite.
    @Tag public static var slow: Self
}
