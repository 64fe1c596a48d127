import Foundation
import Testing
import ScaleTopTestSupport
@testable import ScaleTopCore

@Suite struct LineScannerTests {
    func scan(_ line: String, catalog: KeyCatalog = KeyCatalog()) -> (ScanOutcome, ScannedRecord) {
        var scanner = LineScanner(catalog: catalog)
        let outcome = scanner.scan(line)
        return (outcome, scanner.record)
    }

    @Test func readsTheExampleLines() {
        let (outcome, record) = scan(#"{"step": 100, "tokens": 6553600, "loss": 6.93, "lr": 0.0006}"#)
        #expect(outcome == .record)
        #expect(record[.step] == 100)
        #expect(record[.tokens] == 6_553_600)
        #expect(record[.loss] == 6.93)
        #expect(record[.flops] == nil)
    }

    @Test func readsAHeaderLine() {
        let (outcome, record) = scan(#"{"run": "w256-d8", "params": 2.1e7, "tokens_per_step": 65536, "total_tokens": 4.2e8}"#)
        #expect(outcome == .record)
        #expect(record.runName == "w256-d8")
        #expect(record[.params] == 2.1e7)
        #expect(record[.tokensPerStep] == 65536)
        #expect(record[.totalTokens] == 4.2e8)
        #expect(record[.loss] == nil)
    }

    @Test func readsNestedKeysAsSlashOrDotPaths() {
        let (o1, r1) = scan(#"{"train": {"loss": 2.1, "tokens": 5}, "x": {"train": {"loss": 9}}}"#)
        #expect(o1 == .record)
        #expect(r1[.loss] == 2.1)
        #expect(r1[.tokens] == 5)
        let (o2, r2) = scan(#"{"train.loss": 2.5, "_step": 7}"#)
        #expect(o2 == .record)
        #expect(r2[.loss] == 2.5)
        #expect(r2[.step] == 7)
        let (_, r3) = scan(#"{"val": {"loss": 3.5}}"#)
        #expect(r3[.loss] == nil)
        #expect(r3[.evalLoss] == 3.5)
    }

    @Test func aliasPriorityFollowsTheTableNotTheLineOrder() {
        let (_, record) = scan(#"{"eval_loss": 3.0, "train_loss": 2.0, "loss": 1.0}"#)
        #expect(record[.loss] == 1.0)
        let (_, other) = scan(#"{"eval_loss": 3.0, "train_loss": 2.0}"#)
        #expect(other[.loss] == 2.0)
        #expect(other.lossRank == 1)
        // Evaluation keys are a field of their own: a line may give both losses.
        #expect(other[.evalLoss] == 3.0)
        #expect(other.evalLossRank == 0)
        let (_, evaluations) = scan(#"{"val/loss": 3.5, "val_loss": 3.25}"#)
        #expect(evaluations[.evalLoss] == 3.25)
        #expect(evaluations.evalLossRank == 1)
    }

    @Test func duplicateKeysLastWins() {
        let (_, record) = scan(#"{"loss": 1.0, "loss": 2.0}"#)
        #expect(record[.loss] == 2.0)
    }

    /// The later value wins even when it is not a number: the key then counts as absent, and
    /// the next alias present is read, as if the line held only the later value.
    @Test func laterNonNumericDuplicateWithdrawsTheKey() {
        #expect(scan(#"{"loss": 1.0, "loss": null}"#).1[.loss] == nil)
        #expect(scan(#"{"loss": 1.0, "loss": {"a": 2}}"#).1[.loss] == nil)
        #expect(scan(#"{"loss": 1.0, "loss": [2]}"#).1[.loss] == nil)
        #expect(scan(#"{"loss": 1.0, "loss": "n/a"}"#).1[.loss] == nil)
        #expect(scan(#"{"loss": 1.0, "loss": true}"#).1[.loss] == nil)
        #expect(scan(#"{"train_loss": 2.0, "loss": 1.0, "loss": false}"#).1[.loss] == 2.0)
        #expect(scan(#"{"loss": null, "train_loss": 2.0, "loss": 1.5}"#).1[.loss] == 1.5)
        #expect(scan(#"{"step": 3, "step": "x", "_step": 4}"#).1[.step] == 4)
        let (outcome, empty) = scan(#"{"loss": 1.0, "loss": null}"#)
        #expect(outcome == .record)
        #expect(empty.isEmpty)
        #expect(scan(#"{"run": "x", "run": 5}"#).1.runName == nil)
        #expect(scan(#"{"run": "x", "run": null, "run": "y"}"#).1.runName == "y")
        #expect(scan(#"{"run": 5, "run": "x"}"#).1.runName == "x")
    }

    @Test func explicitLossKeyReplacesTheAliases() {
        let catalog = KeyCatalog(lossKey: "metrics.ppl_loss")
        let (_, record) = scan(#"{"loss": 1.0, "metrics": {"ppl_loss": 4.5}}"#, catalog: catalog)
        #expect(record[.loss] == 4.5)
        let (_, none) = scan(#"{"loss": 1.0}"#, catalog: catalog)
        #expect(none[.loss] == nil)
    }

    @Test func nonFiniteTokensAndNumericStrings() {
        let (o, r) = scan(#"{"loss": NaN, "step": "12", "tokens": " 3.2e-4 ", "flops": Infinity}"#)
        #expect(o == .record)
        #expect(r[.loss]!.isNaN)
        #expect(r[.step] == 12)
        #expect(r[.tokens] == 3.2e-4)
        #expect(r[.flops] == .infinity)
        let (o2, r2) = scan(#"{"loss": -Infinity}"#)
        #expect(o2 == .record)
        #expect(r2[.loss] == -.infinity)
        let (_, r3) = scan(#"{"loss": "nan", "step": "inf"}"#)
        #expect(r3[.loss]!.isNaN)
        #expect(r3[.step] == .infinity)
        let (_, r4) = scan(#"{"loss": "n/a"}"#)
        #expect(r4[.loss] == nil)
    }

    @Test func bomCrlfAndEscapes() {
        let (o, r) = scan("\u{FEFF}{\"loss\": 2.5}\r")
        #expect(o == .record)
        #expect(r[.loss] == 2.5)
        let (o2, r2) = scan(#"{"run": "a\"b\\c\u00e9\ud83d\ude00", "lo\u0073s": 1.5, "note": "x\ny"}"#)
        #expect(o2 == .record)
        #expect(r2.runName == "a\"b\\c\u{e9}\u{1F600}")
        #expect(r2[.loss] == 1.5)
    }

    @Test func valuesInsideArraysAreNotKeys() {
        let (o, r) = scan(#"{"hist": [{"loss": 9}, [1, 2, {"a": []}]], "loss": 1, "e": {}, "f": []}"#)
        #expect(o == .record)
        #expect(r[.loss] == 1)
    }

    @Test func blankLines() {
        #expect(scan("").0 == .blank)
        #expect(scan("   \t\r").0 == .blank)
    }

    /// The shortest lines random bytes can form that are good: an empty object, with JSON
    /// whitespace or a BOM around it. Each is a record with no key (the sweep counts it ignored).
    @Test(arguments: ["{}", " {\t}\r", "\u{FEFF}{ }", "\r{}  "]) func emptyObjectsAreRecordsWithoutKeys(line: String) {
        let (outcome, record) = scan(line)
        #expect(outcome == .record)
        #expect(record.isEmpty && record.runName == nil)
    }

    /// Found by scripts/fuzz-line-scanner.sh: an empty line left the previous line's keys in
    /// `record`.
    @Test func noKeysSurviveIntoTheNextLine() {
        var scanner = LineScanner()
        #expect(scanner.scan(#"{"run": "a", "loss": 2.5}"#) == .record)
        #expect(scanner.scan("") == .blank)
        #expect(scanner.record.isEmpty && scanner.record.runName == nil && scanner.record[.loss] == nil)
        #expect(scanner.scan(#"{"run": "a", "loss": 2.5}"#) == .record)
        #expect(scanner.scan(#"{"step": 1, "loss": 1.5, "x"#) == .bad(.truncated))
        #expect(scanner.record.runName == nil)
        #expect(scanner.scan("  ") == .blank)
        #expect(scanner.record.isEmpty)
    }

    @Test(arguments: [
        (#"[1, 2]"#, BadLineKind.notAnObject),
        (#"hello"#, .notAnObject),
        (#"3.5"#, .notAnObject),
        (#"{"loss": 1.5"#, .truncated),
        (#"{"loss": 1."#, .truncated),
        (#"{"loss": 1"#, .truncated),
        (#"{"run": "abc"#, .truncated),
        (#"{"loss": tr"#, .truncated),
        (#"{"loss"#, .truncated),
        (#"{"loss": 1,}"#, .invalidSyntax),
        (#"{"loss": 01}"#, .invalidSyntax),
        (#"{"loss": .5}"#, .invalidSyntax),
        (#"{"loss": 1.e5}"#, .invalidSyntax),
        (#"{loss: 1}"#, .invalidSyntax),
        (#"{"loss" 1}"#, .invalidSyntax),
        (#"{"a": [1,]}"#, .invalidSyntax),
        (#"{"a": "\q"}"#, .invalidSyntax),
        (#"{"a": nul}"#, .invalidSyntax),
        (#"{"loss": 1} x"#, .trailingText),
        (#"{"loss": 1}{"loss": 2}"#, .trailingText),
    ])
    func badLines(line: String, kind: BadLineKind) {
        #expect(scan(line).0 == .bad(kind), "\(line)")
    }

    @Test func rawControlCharacterInAStringIsInvalid() {
        #expect(scan("{\"a\": \"x\u{01}y\", \"loss\": 1}").0 == .bad(.invalidSyntax))
    }

    @Test func deepNestingIsRejectedWithoutRecursion() {
        let deep = #"{"a": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(scan(deep).0 == .bad(.tooDeep))
        let fine = #"{"a": "# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + #", "loss": 2}"#
        let (o, r) = scan(fine)
        #expect(o == .record)
        #expect(r[.loss] == 2)
    }

    @Test func numbersParseExactlyLikeTheStandardLibrary() {
        let texts = [
            "0", "-0", "1", "6.93", "0.0006", "46091097939640320", "5.231316572520882",
            "9.993852799709755e+18", "6795600349.289497", "1e-300", "2.2250738585072014e-308",
            "1.7976931348623157e308", "123456789012345678901234567890", "0.1", "3.2e-4", "1E22", "1e23",
            "4.4e7", "-12.5e-3", "0.30000000000000004", "9007199254740993",
        ]
        for text in texts {
            let (_, r) = scan(#"{"loss": \#(text)}"#)
            #expect(r[.loss] == Double(text)!, "\(text)")
        }
    }
}

/// The number parser against the standard library's correctly rounded parser, on numbers as
/// Python prints them (17 significant digits) and on random digit strings.
@Suite struct DecimalParserTests {
    func parse(_ text: String) -> Double {
        var copy = text
        return copy.withUTF8 { buffer in
            let length = DecimalParser.matchNumber(buffer.baseAddress!, 0, buffer.count)
            #expect(length == buffer.count, "\(text)")
            return DecimalParser.parseValidated(buffer.baseAddress!, 0, buffer.count)
        }
    }

    @Test func agreesWithTheStandardLibraryOnRandomNumbers() {
        var rng = TestRandom(seed: 101)
        for _ in 0..<40_000 {
            let value = Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &rng))
            let printed = "\(value)"
            #expect(parse(printed).bitPattern == value.bitPattern, "\(printed)")
            let digits = Int.random(in: 1...22, using: &rng)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
            text = text.drop { $0 == "0" }.isEmpty ? "0" : String(text.drop { $0 == "0" })
            let point = Int.random(in: 0...text.count, using: &rng)
            if point > 0 && point < text.count { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if Bool.random(using: &rng) { text += "e\(Int.random(in: -40...40, using: &rng))" }
            #expect(parse(text).bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    @Test func halfwayCasesAreExact() {
        // Values whose Float80 rounding lands next to a Double halfway point.
        for text in ["9007199254740993", "9007199254740993.0", "1.00000000000000011102230246251565404236316680908203125",
                     "2.2250738585072011e-308", "8.988465674311579e+307", "0.10000000000000000555", "7.0e-10"] {
            #expect(parse(text).bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }
}
