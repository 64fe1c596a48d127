import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// Seeded random mutations of real log lines (the Li et al. 2025 sweep and the Chinchilla
/// results): the scanner must never crash, and on every mutant that Foundation's
/// JSONSerialization reads as an object it must agree with Foundation on the keys scaletop
/// extracts. Where only the scanner accepts a line, the line must use one of the documented
/// extensions (NaN/Infinity, a BOM, bytes that are not UTF-8). A fixed iteration count, not a
/// timer, bounds the run.
@Suite struct LineScannerMutationTests {
    static let iterations = 80_000

    /// The README's alias table for the fields compared here, in priority order.
    static let aliases: [(LogField, [String])] = [
        (.loss, ["loss", "train_loss", "train/loss"]),
        (.evalLoss, ["eval_loss", "val_loss", "val/loss"]),
        (.step, ["step", "_step", "iter", "iteration", "global_step"]),
        (.tokens, ["tokens", "tokens_seen", "num_tokens", "train/tokens"]),
        (.flops, ["flops", "compute", "total_flops"]),
        (.params, ["params", "n_params", "num_params", "parameters", "model_params", "non_embedding_params"]),
    ]

    static let tokens: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\r", "\t", "\n", "0", "1", "-", "+", ".", "e", "E",
        "NaN", "Infinity", "-Infinity", "true", "false", "null", "\"nan\"", "\" 2.5 \"", "\"1e5\"", "\"x\"",
        "\\u0000", "\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\n", "\\\"", "\u{FEFF}", "é", "\u{1B}[2J",
        "\"loss\": ", "\"loss\": 1.5, ", "\"train_loss\": 2, ", "\"train\": {\"loss\": 3.25}, ", "\"train.loss\": 4, ",
        "\"val/loss\": 5, ", "\"step\": 7, ", "\"_step\": \"8\", ", "\"tokens\": 1e9, ", "\"flops\": 6.5e18, ",
        "\"params\": 1.2e8, ", "\"run\": \"r\", ", "\"run\": 5, ", "\"loss\": null, ", "\"loss\": true, ",
        "\"loss\": [1], ", "\"loss\": {\"x\": 1}, ", "\"a\": {\"b\": [{\"loss\": 9}]}, ", "1e400", "-0", "0.1e-5",
        "123456789012345678901234567890", "9007199254740993",
    ]

    /// Real lines: every line of the shared data sets, plus a few that use nesting and aliases.
    static func corpus() throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var files = try FileManager.default.contentsOfDirectory(atPath: SharedData.data("sweep-li2025").path)
            .filter { $0.hasSuffix(".jsonl") }.sorted().map { SharedData.data("sweep-li2025/" + $0) }
        files.append(SharedData.data("chinchilla-epoch/results.jsonl"))
        for url in files {
            let data = try Data(contentsOf: url)
            lines += data.split(separator: 0x0A).map(Array.init)
        }
        lines += [
            #"{"train": {"loss": 2.1, "tokens": 5}, "_step": 3, "val": {"loss": 2.4}}"#,
            #"{"eval_loss": 3.0, "train_loss": 2.0, "iter": "12", "num_tokens": " 3.2e-4 ", "compute": 1e18}"#,
            #"{"run": "a\"b\\c\u00e9", "n_params": 46091097939640320, "loss": 1.25e0, "hist": [1, {"loss": 9}]}"#,
        ].map { Array($0.utf8) }
        return lines
    }

    static func mutate(_ line: [UInt8], corpus: [[UInt8]], rng: inout TestRandom) -> [UInt8] {
        var out = line
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            let at = out.isEmpty ? 0 : Int(rng.next() % UInt64(out.count + 1))
            switch rng.next() % 8 {
            case 0 where !out.isEmpty:  // flip a byte
                out[min(at, out.count - 1)] = UInt8(truncatingIfNeeded: rng.next())
            case 1:  // insert a random byte
                out.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
            case 2 where !out.isEmpty:  // delete a run of bytes
                let n = min(out.count - min(at, out.count - 1), 1 + Int(rng.next() % 8))
                out.removeSubrange(min(at, out.count - 1)..<(min(at, out.count - 1) + n))
            case 3 where !out.isEmpty:  // duplicate a run (often a key and its value)
                let start = min(at, out.count - 1)
                let n = min(out.count - start, 1 + Int(rng.next() % 40))
                out.insert(contentsOf: out[start..<(start + n)], at: start)
            case 4:  // splice in part of another real line
                let other = corpus[Int(rng.next() % UInt64(corpus.count))]
                let cut = Int(rng.next() % UInt64(other.count + 1))
                out = Array(out[..<min(at, out.count)]) + other[cut...]
            case 5 where !out.isEmpty:  // cut the line short
                out.removeSubrange(min(at, out.count)...)
            default:  // insert a JSON-ish token
                out.insert(contentsOf: Array(tokens[Int(rng.next() % UInt64(tokens.count))].utf8), at: at)
            }
        }
        return out
    }

    // MARK: - What Foundation's object says the scanner should find

    enum Expected: Equatable {
        case absent
        case value(Double)
        /// Two keys normalise to the same path (`"a.b"` and `{"a": {"b"}}`): the later in the
        /// line wins, and Foundation's dictionary does not keep the order.
        case ambiguous
    }

    /// Paths as the README defines them: nesting joined by `/`, `.` read as `/`, arrays not entered.
    static func flatten(_ object: [String: Any], prefix: String, into paths: inout [String: [Any]]) {
        for (key, value) in object {
            let path = prefix + key.replacingOccurrences(of: ".", with: "/")
            paths[path, default: []].append(value)
            if let inner = value as? [String: Any] { flatten(inner, prefix: path + "/", into: &paths) }
        }
    }

    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c" || type(of: value) == Bool.self
    }

    /// A numeric value as the README defines it: a JSON number, or a string holding one
    /// (spaces around allowed) or `nan`/`inf`/`infinity` in any case, with an optional sign.
    static func numeric(_ value: Any) -> Double? {
        if isBool(value) { return nil }
        if let number = value as? NSNumber { return number.doubleValue }
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if trimmed.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil {
            return Double(trimmed)
        }
        var word = trimmed.lowercased()
        var sign = 1.0
        if word.hasPrefix("-") { sign = -1; word.removeFirst() } else if word.hasPrefix("+") { word.removeFirst() }
        switch word {
        case "nan": return .nan
        case "inf", "infinity": return sign * .infinity
        default: return nil
        }
    }

    static func expected(_ field: [String], _ paths: [String: [Any]]) -> Expected {
        for alias in field {
            guard let values = paths[alias] else { continue }
            if values.count > 1 { return .ambiguous }
            if let value = numeric(values[0]) { return .value(value) }
        }
        return .absent
    }

    static func depth(_ value: Any) -> Int {
        if let object = value as? [String: Any] { return 1 + (object.values.map(depth).max() ?? 0) }
        if let array = value as? [Any] { return 1 + (array.map(depth).max() ?? 0) }
        return 0
    }

    /// Equal, both NaN, or within 1e-14 relative: Foundation on Linux rounds long decimals
    /// wrongly, by several ulp (see `JSONLines.exactNumbers`), so its last bits are no
    /// reference; `DecimalParserTests` checks the exact value against `Double(String)`.
    static func agree(_ a: Double, _ b: Double) -> Bool {
        if a == b || (a.isNaN && b.isNaN) { return true }
        guard a.isFinite, b.isFinite, a.sign == b.sign else { return false }
        return abs(a - b) <= 1e-14 * max(abs(a), abs(b))
    }

    /// Why the scanner may accept a line Foundation rejects: the documented extensions
    /// (NaN/Infinity, a BOM, bytes that are not UTF-8, lone surrogate escapes read as U+FFFD),
    /// and numbers beyond Double's range (valid JSON; Foundation refuses them, we read ±inf or 0).
    static func extensionUsed(_ line: [UInt8]) -> String? {
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { return "BOM" }
        if String(validating: line, as: UTF8.self) == nil { return "not UTF-8" }
        let text = String(decoding: line, as: UTF8.self)
        if text.contains("NaN") || text.contains("Infinity") { return "NaN/Infinity" }
        if text.range(of: #"\\u[dD][89abAB]"#, options: .regularExpression) != nil { return "surrogate escape" }
        if text.range(of: #"[0-9][eE][+-]?[0-9]{3,}|[0-9]{300,}"#, options: .regularExpression) != nil { return "number out of range" }
        return nil
    }

    /// Foundation on Linux also reads a trailing comma (`{"a": 1,}`), which is not JSON.
    static func foundationLeniency(_ line: [UInt8]) -> Bool {
        String(decoding: line, as: UTF8.self).range(of: #",\s*[}\]]"#, options: .regularExpression) != nil
    }

    @Test func theReferenceTellsBooleansFromNumbers() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(#"{"a": true, "b": 1, "c": 0, "d": "1.5"}"#.utf8)) as? [String: Any])
        #expect(Self.isBool(object["a"]!))
        #expect(!Self.isBool(object["b"]!) && !Self.isBool(object["c"]!))
        #expect(Self.numeric(object["b"]!) == 1 && Self.numeric(object["d"]!) == 1.5 && Self.numeric(object["a"]!) == nil)
    }

    @Test func mutantsNeverCrashAndAgreeWithFoundation() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count > 1000)
        var rng = TestRandom(seed: 20_250_801)
        var scanner = LineScanner()
        var compared = 0
        var fieldsCompared = 0
        var ambiguous = 0
        var onlyScanner = 0
        var onlyFoundation = 0
        var disagreements: [String] = []
        var extensions: [String: Int] = [:]
        var foundationLenient = 0
        var innerBOM = 0
        let start = Date()
        for _ in 0..<Self.iterations {
            let seed = corpus[Int(rng.next() % UInt64(corpus.count))]
            let line = Self.mutate(seed, corpus: corpus, rng: &rng)
            // A mutant holding a newline is several lines to the reader: compare its first.
            let first = Array(line.prefix { $0 != 0x0A })
            let outcome = first.withUnsafeBytes { scanner.scan($0) }
            let record = scanner.record
            // Foundation on Linux drops U+FEFF inside strings ("\u{FEFF}loss" reads as "loss"),
            // so on such lines it is no reference.
            if first.count > 3 && first.dropFirst().firstRange(of: [0xEF, 0xBB, 0xBF]) != nil {
                innerBOM += 1
                continue
            }
            let object = (try? JSONSerialization.jsonObject(with: Data(first))) as? [String: Any]
            guard let object else {
                if outcome == .record {
                    onlyScanner += 1
                    if let why = Self.extensionUsed(first) {
                        extensions[why, default: 0] += 1
                    } else if disagreements.count < 20 {
                        disagreements.append("scanner alone accepts: \(String(decoding: first, as: UTF8.self))")
                    }
                }
                continue
            }
            if Self.depth(object) > LineScanner.maximumDepth {
                #expect(outcome == .bad(.tooDeep))
                continue
            }
            guard outcome == .record else {
                onlyFoundation += 1
                if Self.foundationLeniency(first) {
                    foundationLenient += 1
                } else if disagreements.count < 20 { disagreements.append("Foundation alone accepts (\(outcome)): \(String(decoding: first, as: UTF8.self))") }
                continue
            }
            compared += 1
            var paths: [String: [Any]] = [:]
            Self.flatten(object, prefix: "", into: &paths)
            for (field, aliases) in Self.aliases {
                switch Self.expected(aliases, paths) {
                case .ambiguous:
                    ambiguous += 1
                case .absent:
                    fieldsCompared += 1
                    if let got = record[field], disagreements.count < 20 {
                        disagreements.append("\(field): scanner \(got), Foundation none: \(String(decoding: first, as: UTF8.self))")
                    }
                case let .value(want):
                    fieldsCompared += 1
                    if !(record[field].map { Self.agree($0, want) } ?? false), disagreements.count < 20 {
                        disagreements.append("\(field): scanner \(String(describing: record[field])), Foundation \(want): \(String(decoding: first, as: UTF8.self))")
                    }
                }
            }
            let runs = paths["run"] ?? []
            if runs.count <= 1 {
                let want = runs.first as? String
                if record.runName != want, disagreements.count < 20 {
                    disagreements.append("run: scanner \(String(describing: record.runName)), Foundation \(String(describing: want)): \(String(decoding: first, as: UTF8.self))")
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print("line scanner mutations: \(Self.iterations) in \(String(format: "%.1f", seconds)) s; \(compared) accepted by both (\(fieldsCompared) fields compared, \(ambiguous) ambiguous skipped), \(onlyScanner) by the scanner alone \(extensions.sorted { $0.key < $1.key }), \(onlyFoundation) by Foundation alone (\(foundationLenient) trailing commas); \(innerBOM) with U+FEFF inside skipped")
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        // The comparison is not vacuous: a good share of mutants are valid objects.
        #expect(compared > Self.iterations / 10)
        #expect(fieldsCompared > compared * 4)
    }
}
