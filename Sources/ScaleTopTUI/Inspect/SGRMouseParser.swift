/// Finds xterm SGR mouse reports (`ESC [ < code ; column ; row M` or `m`) in the keys a
/// terminal layer decoded character by character, and turns each into one `.mouse` key.
/// A report cut at the end of a read is held until the next read completes it; anything
/// that only starts like one is given back as the keys it was.
public struct SGRMouseParser: Sendable {
    private var pending: [Key] = []

    public init() {}

    /// The start of a report as the terminal layer gives it when curses matched `ESC [ <`
    /// itself (a terminfo entry whose mouse key is that prefix).
    public static let reportStart: [Key] = [.escape, .character("["), .character("<")]

    /// `keys` with every complete report replaced by its mouse event.
    public mutating func decode(_ keys: [Key]) -> [Key] {
        var input = pending + keys
        pending = []
        var output: [Key] = []
        output.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            guard input[i] == .escape else {
                output.append(input[i])
                i += 1
                continue
            }
            switch Self.report(in: input, from: i) {
            case let .complete(event, next):
                if let event { output.append(.mouse(event)) }
                i = next
            case .incomplete:
                pending = Array(input[i...])
                input.removeAll()
                i = 0
            case .notReport:
                output.append(input[i])
                i += 1
            }
        }
        return output
    }

    private enum Outcome {
        /// A whole report (nil event: one whose numbers made no sense, dropped) and where the
        /// keys after it start.
        case complete(MouseEvent?, Int)
        case incomplete
        case notReport
    }

    private static func report(in keys: [Key], from start: Int) -> Outcome {
        let prefix = reportStart
        var k = start
        for expected in prefix {
            guard k < keys.count else {
                // `ESC` or `ESC [` alone at the end of a read is a key press, not a report cut short.
                return k - start >= 3 ? .incomplete : .notReport
            }
            guard keys[k] == expected else { return .notReport }
            k += 1
        }
        var numbers: [Int] = [0]
        var digits = 0
        while k < keys.count {
            guard case let .character(c) = keys[k] else { return .notReport }
            if let d = c.wholeNumberValue, c.isASCII {
                numbers[numbers.count - 1] = min(numbers[numbers.count - 1] * 10 + d, 100_000)
                digits += 1
            } else if c == ";" {
                guard numbers.count < 3 else { return .notReport }
                numbers.append(0)
            } else if c == "M" || c == "m" {
                guard numbers.count == 3, digits > 0 else { return .complete(nil, k + 1) }
                return .complete(MouseEvent.sgr(code: numbers[0], column: numbers[1], row: numbers[2], released: c == "m"), k + 1)
            } else {
                return .notReport
            }
            k += 1
            // Longer than any real report: not one.
            if k - start > 24 { return .notReport }
        }
        return .incomplete
    }
}
