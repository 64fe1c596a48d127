import Foundation
import ScaleTopCore
import Testing

/// The report's JSON text reads back as what was written, whatever the strings hold.
@Suite struct JSONValueRoundTripTests {
    @Test func stringsOfEveryKindReadBackUnchanged() throws {
        let strings = ["plain", "quote \" and \\ backslash", "line\nfeed\r\ttab", "\u{1}\u{1F}\u{7F}", "é ü 日本 👩‍💻",
                       "\u{85}\u{9F} C1", "\u{2028}\u{2029}", "", "=HYPERLINK(\"x\")"]
        let value = JSONValue.object(strings.enumerated().map { ("k\($0.offset)", .string($0.element)) }
            + [("n", .number(2.5)), ("i", .int(-3)), ("z", .null), ("b", .bool(true)), ("a", .array([.number(1e-300), .number(.nan)]))])
        for pretty in [false, true] {
            let text = value.serialized(pretty: pretty)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            for (k, s) in strings.enumerated() { #expect(object["k\(k)"] as? String == s, "\(s.debugDescription)") }
            #expect(object["n"] as? Double == 2.5)
            #expect(object["i"] as? Int == -3)
            #expect(object["z"] is NSNull)
            #expect((object["a"] as? [Any])?.count == 2)
            // Nothing below U+0020 travels unescaped.
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        }
    }
}
