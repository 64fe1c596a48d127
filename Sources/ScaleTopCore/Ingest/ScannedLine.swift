/// Why a line was skipped.
public enum BadLineKind: String, Sendable, CaseIterable {
    /// The line is not a JSON object (`[1]`, `3`, a word, random bytes).
    case notAnObject = "not a JSON object"
    /// The object ends early: a line cut mid-write.
    case truncated = "truncated"
    /// Something inside the object is not JSON.
    case invalidSyntax = "invalid JSON"
    /// Text follows the object on the same line.
    case trailingText = "text after the object"
    /// Deeper than `LineScanner.maximumDepth`.
    case tooDeep = "nested too deeply"
    /// Longer than the reader's line limit; skipped up to the next newline.
    case tooLong = "line too long"
    /// A binary record (TensorBoard, W&B) whose CRC does not match: corrupted bytes.
    case badChecksum = "bad checksum"
    /// A binary record whose framing verified but whose content could not be decoded, or a
    /// W&B record sequence that was broken off.
    case undecodable = "undecodable record"
    /// A file whose name says one format but whose header is not that format's.
    case badHeader = "bad file header"
}

/// The known keys found on one line. Absent fields read as nil; a present non-finite number
/// (`NaN`, `Infinity`) reads as that value.
///
/// Each alias of a field keeps its own slot, so that a duplicate key whose later value is not a
/// number (`{"loss": 1, "loss": null}`) withdraws that alias and the field falls back to the
/// next alias present, exactly as if the line held only the later value.
public struct ScannedRecord: Sendable, LineFields {
    /// Slots per field: aliases of rank 7 and above share the last one.
    static let slotsPerField = 8
    var values = [Double](repeating: 0, count: LogField.count * slotsPerField)
    /// For each field, a bit per alias rank that holds a value.
    var aliases = [UInt8](repeating: 0, count: LogField.count)
    var present: UInt32 = 0
    /// The `"run"` string of the line, if any.
    public internal(set) var runName: String?

    public init() {}

    @inline(__always)
    public subscript(field: LogField) -> Double? {
        let i = field.rawValue
        guard present & (1 << UInt32(i)) != 0 else { return nil }
        return values[i &* Self.slotsPerField &+ aliases[i].trailingZeroBitCount]
    }

    public var presentFields: UInt32 { present }

    @inline(__always)
    mutating func reset() {
        if present != 0 {
            for i in 0..<LogField.count { aliases[i] = 0 }
            present = 0
        }
        runName = nil
    }

    /// Keeps the value of the highest-priority alias; for the same alias the later one wins.
    @inline(__always)
    mutating func offer(_ field: LogField, rank: UInt8, value: Double) {
        let i = field.rawValue
        let r = min(Int(rank), Self.slotsPerField - 1)
        values[i &* Self.slotsPerField &+ r] = value
        aliases[i] |= 1 << UInt8(r)
        present |= 1 << UInt32(i)
    }

    /// A later value of this alias that is not a number: the alias no longer holds one.
    @inline(__always)
    mutating func withdraw(_ field: LogField, rank: UInt8) {
        let i = field.rawValue
        guard present & (1 << UInt32(i)) != 0 else { return }
        aliases[i] &= ~(1 << UInt8(min(Int(rank), Self.slotsPerField - 1)))
        if aliases[i] == 0 { present &= ~(1 << UInt32(i)) }
    }

    /// Sets a field directly (tests and other readers).
    public mutating func set(_ field: LogField, _ value: Double) {
        offer(field, rank: 0, value: value)
    }

    public mutating func setRunName(_ name: String?) { runName = name }
}

/// The result of scanning one line.
public enum ScanOutcome: Sendable, Equatable {
    /// Only whitespace.
    case blank
    /// A complete JSON object; its known keys are in `LineScanner.record`.
    case record
    case bad(BadLineKind)
}
