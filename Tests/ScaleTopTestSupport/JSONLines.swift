import Foundation

/// Reads JSONL with Foundation, independently of scaletop's own scanner, so tests can check
/// the scanner's results against another reader.
public enum JSONLines {
    public static func objects(in url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) as? [String: Any]
        }
    }

    public static func double(_ value: Any?) -> Double? {
        (value as? NSNumber)?.doubleValue
    }

    /// Parses a report printed by `scaletop report --json`.
    public static func parse(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }
}

extension JSONLines {
    /// Every line of a JSONL file that Foundation accepts as an object, with each top-level
    /// number re-read from its own text by `Double(String)`: Foundation's JSONSerialization on
    /// Linux rounds some 17-digit numbers wrongly, so it cannot be the exact reference.
    public static func exactNumbers(in url: URL) throws -> [[String: Double]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [[String: Double]] = []
        for line in text.split(separator: "\n") {
            guard (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any] else { continue }
            var numbers: [String: Double] = [:]
            let pattern = try NSRegularExpression(pattern: #""([^"\\]+)"\s*:\s*(-?[0-9][0-9.eE+-]*)"#)
            let s = String(line)
            for match in pattern.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
                let key = String(s[Range(match.range(at: 1), in: s)!])
                numbers[key] = Double(String(s[Range(match.range(at: 2), in: s)!]))
            }
            result.append(numbers)
        }
        return result
    }
}
