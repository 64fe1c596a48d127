/// A JSON document with ordered keys, written without Foundation so that number formatting
/// never depends on the locale and key order follows the contract in report-json.md.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// Non-finite numbers are written as `null` (JSON has no NaN).
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// JSON text already written compactly (UTF-8), put in as it is: a part of the report that a
    /// follow loop printed before and that did not change.
    case raw([UInt8])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.serialized(pretty: false) == b.serialized(pretty: false)
    }

    /// A number, or null when absent or not finite.
    public static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    public func serialized(pretty: Bool) -> String {
        // Written as UTF-8 bytes and made a String once: a report of 200 runs, printed every
        // second by `--follow`, costs half what appending to a String did.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(into: &out, pretty: pretty, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .number(d): out.append(contentsOf: Self.format(d).utf8)
        case let .string(s): Self.writeString(s, into: &out)
        case let .raw(bytes): out.append(contentsOf: bytes)
        case let .array(items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            // Arrays of scalars or small objects stay on one line each.
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(&out, indent + 1) }
                item.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            if pretty && isFlat && members.count <= 8 {
                // Small all-scalar objects (points, counts) read best on one line.
                out.append(UInt8(ascii: "{"))
                for (k, (key, value)) in members.enumerated() {
                    if k > 0 { out.append(contentsOf: ", ".utf8) }
                    Self.writeString(key, into: &out)
                    out.append(contentsOf: ": ".utf8)
                    value.write(into: &out, pretty: false, indent: 0)
                }
                out.append(UInt8(ascii: "}"))
                return
            }
            out.append(UInt8(ascii: "{"))
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(&out, indent + 1) }
                Self.writeString(key, into: &out)
                out.append(contentsOf: (pretty ? ": " : ":").utf8)
                value.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// An object whose members are all scalars (printed on one line when pretty).
    private var isFlat: Bool {
        guard case let .object(members) = self else { return false }
        return members.allSatisfy {
            switch $0.1 {
            case .object, .array, .raw: false
            default: true
            }
        }
    }

    /// Shortest text that reads back as the same Double; integers up to 2^53 without a fraction.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { return String(Int64(d)) }
        return d.description
    }

    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plain = true
        for byte in s.utf8 where byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029
                {
                    let hex = String(scalar.value, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
