import Foundation
import ScaleTopTestSupport
import Testing

/// `scaletop report`, text and JSON, prints no control byte from a file to the terminal.
@Suite struct TerminalSafetyReportTests {
    @Test(arguments: [false, true]) func hostileNamesPrintNoControlBytes(json: Bool) throws {
        let dir = try TemporaryDirectory()
        try dir.write("\u{1B}]0;pwn\u{07}evil.jsonl", "{\"step\": 1, \"loss\": 3.0}\n")
        try dir.write("\u{1B}]0;pwn\u{07}evil.meta.json", "{\"params\": }\n")
        var other = Data("{\"run\": \"\\u001b[2J".utf8)
        other.append(contentsOf: [0xC2, 0x9B, 0x7F] + Array("x\", \"loss\": 2.0}\nnot json\n".utf8))
        try other.write(to: dir.file("b.jsonl"))
        let outcome = try ChildProcess.run(ScaleTopProcess.executable.path, ["report", dir.path] + (json ? ["--json"] : []), timeout: 120)
        #expect(outcome.status == 0)
        let text = String(decoding: outcome.output, as: UTF8.self)
        // The run and the notice are there...
        #expect(text.contains("pwn"))
        #expect(text.contains("meta.json"))
        // ...but no C0 (other than newline), DEL or C1 character is.
        let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty, "\(controls.map { String($0.value, radix: 16) })")
        if json {
            let object = try JSONLines.parse(text)
            let names = (object["runs"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
            // JSON keeps the name exactly, escaped.
            #expect(names.contains("\u{1B}]0;pwn\u{07}evil"))
            #expect(names.contains("\u{1B}[2J\u{9B}\u{7F}x"))
        }
    }
}
