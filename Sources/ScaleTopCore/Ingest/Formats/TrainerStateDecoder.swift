/// Reads a Hugging Face Trainer `trainer_state.json`: one JSON document, rewritten whole at
/// every checkpoint. Its top-level keys (`global_step`, `max_steps`...) describe the run; each
/// entry of `log_history` (`{"step", "loss", "learning_rate"...}`, `{"step", "eval_loss"...}`)
/// is one record, read by the same `LineScanner` as a JSONL line, except the closing summary
/// (`{"train_loss": mean over the run, "train_runtime": ...}`), which is not a point.
///
/// Entries are told apart by a hash of their bytes, so that reading the document again after a
/// rewrite (or reading the copy in the next `checkpoint-N` folder) adds only entries not seen
/// before: `seen` is kept by the caller, per run.
public struct TrainerStateDecoder: Sendable {
    public enum Outcome: Sendable, Equatable {
        case read
        /// The document ends early: being written; wait for the next change.
        case incomplete
        case bad(BadLineKind)
    }

    public private(set) var scanner: LineScanner

    public init(catalog: KeyCatalog) {
        scanner = LineScanner(catalog: catalog)
    }

    /// Calls `emit` with the top-level record, then with each `log_history` entry whose hash is
    /// not in `seen` (and adds it).
    public mutating func decode(
        _ document: UnsafeRawBufferPointer, seen: inout Set<UInt64>, emit: (ScannedRecord) -> Void
    ) -> Outcome {
        guard let raw = document.baseAddress, document.count > 0 else { return .incomplete }
        let p = raw.assumingMemoryBound(to: UInt8.self)
        let end = document.count
        switch scanner.scan(document) {
        case .blank: return .incomplete
        case .bad(.truncated): return .incomplete
        case let .bad(kind): return .bad(kind)
        case .record: emit(scanner.record)
        }
        // The document is valid JSON: walk its top-level keys to `log_history`.
        guard let history = Self.topLevelArray(named: "log_history", p, end) else { return .read }
        var i = history + 1
        while true {
            i = JSONExtent.skipSpace(p, i, end)
            guard i < end, p[i] != UInt8(ascii: "]") else { break }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            guard let next = JSONExtent.skipValue(p, i, end) else { break }
            if p[i] == UInt8(ascii: "{") {
                let entry = UnsafeRawBufferPointer(start: p + i, count: next - i)
                let hash = KeyCatalog.hash(p, i, next - i)
                if seen.insert(hash).inserted, !Self.isClosingSummary(entry), scanner.scan(entry) == .record {
                    emit(scanner.record)
                }
            }
            i = next
        }
        return .read
    }

    /// The entry the Trainer logs when training ends (`train_runtime`, `train_loss` as the mean
    /// over the whole run...): a summary, not a point of the curve.
    static func isClosingSummary(_ entry: UnsafeRawBufferPointer) -> Bool {
        let marker = Array("\"train_runtime\"".utf8)
        guard entry.count >= marker.count else { return false }
        for start in 0...(entry.count - marker.count) where entry[start] == marker[0] {
            if (1..<marker.count).allSatisfy({ entry[start + $0] == marker[$0] }) { return true }
        }
        return false
    }

    /// The index of the `[` of the top-level key `name`, if its value is an array.
    static func topLevelArray(named name: String, _ p: UnsafePointer<UInt8>, _ end: Int) -> Int? {
        let wanted = Array(name.utf8)
        var i = JSONExtent.skipSpace(p, 0, end)
        if end - i >= 3, p[i] == 0xEF, p[i + 1] == 0xBB, p[i + 2] == 0xBF { i = JSONExtent.skipSpace(p, i + 3, end) }
        guard i < end, p[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        while true {
            i = JSONExtent.skipSpace(p, i, end)
            guard i < end, p[i] != UInt8(ascii: "}") else { return nil }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            guard p[i] == UInt8(ascii: "\""), let keyEnd = JSONExtent.skipValue(p, i, end) else { return nil }
            let matches = keyEnd - i - 2 == wanted.count && (0..<wanted.count).allSatisfy { p[i + 1 + $0] == wanted[$0] }
            i = JSONExtent.skipSpace(p, keyEnd, end)
            guard i < end, p[i] == UInt8(ascii: ":") else { return nil }
            i = JSONExtent.skipSpace(p, i + 1, end)
            guard i < end else { return nil }
            if matches { return p[i] == UInt8(ascii: "[") ? i : nil }
            guard let next = JSONExtent.skipValue(p, i, end) else { return nil }
            i = next
        }
    }
}

/// Finds where JSON values end, for text already known to be valid JSON.
enum JSONExtent {
    @inline(__always)
    static func skipSpace(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
        return i
    }

    /// The index after the value starting at `start`.
    static func skipValue(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start
        var depth = 0
        repeat {
            guard i < end else { return nil }
            switch p[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < end, p[i] != UInt8(ascii: "\"") { i += p[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < end else { return nil }
                i += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                i += 1
            default:
                if depth == 0 {
                    // A bare scalar: up to the next delimiter.
                    while i < end, !",}] \n\r\t".utf8.contains(p[i]) { i += 1 }
                    return i
                }
                i += 1
            }
        } while depth > 0
        return i
    }
}

