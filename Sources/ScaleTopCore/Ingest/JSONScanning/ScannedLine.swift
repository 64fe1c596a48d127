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
    /// A binary record (TensorBoard, W&B) longer than its framing's limit; skipped whole.
    case recordTooLong = "record too long"
}

/// The known keys found on one line. Absent fields read as nil; a present non-finite number
/// (`NaN`, `Infinity`) reads as that value.
///
/// When several aliases of a field are offered, the one of lowest rank wins (ranks of 7 and
/// above count as one); for the same rank the later value wins. Only the winner's value is kept,
/// in fixed storage inside the struct: no array, so filling a record per line costs no
/// allocation, uniqueness check or reference count. Withdrawing a value (a duplicate key whose
/// later value is not a number) needs every alias's value: the general scanner keeps those in
/// `AliasSlots` and hands the result over; the fast path gives such lines to it.
public struct ScannedRecord: Sendable, LineFields {
    /// Fields the storage has room for; `LogField.count` must not exceed it (a test checks).
    static let capacity = 16
    /// Ranks from this one on share one priority, as they always have.
    static let lastRank: UInt8 = 7

    /// The winning value of each field, by `LogField.rawValue`; meaningful where `present` has
    /// the field's bit.
    private var values: (
        Double, Double, Double, Double, Double, Double, Double, Double,
        Double, Double, Double, Double, Double, Double, Double, Double
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// The winning alias's rank of each field, four bits a field.
    private var ranks: UInt64 = 0
    private var present: UInt32 = 0
    /// The `"run"` string of the line, if any.
    public internal(set) var runName: String?

    public init() {}

    @inline(__always)
    public subscript(field: LogField) -> Double? {
        let i = field.rawValue
        guard present & (1 &<< UInt32(truncatingIfNeeded: i)) != 0 else { return nil }
        return value(at: i)
    }

    public var presentFields: UInt32 { present }

    /// The rank of the loss alias whose value the record holds (`LogField.loss` is field 0, so
    /// its rank is the lowest four bits).
    @inline(__always)
    public var lossRank: UInt8 { UInt8(truncatingIfNeeded: ranks & 0xF) }

    /// The rank of the evaluation-loss alias whose value the record holds.
    @inline(__always)
    public var evalLossRank: UInt8 { UInt8(truncatingIfNeeded: (ranks &>> UInt64(LogField.evalLoss.rawValue &* 4)) & 0xF) }

    /// The stored value of field `i`, present or not.
    @inline(__always)
    func value(at i: Int) -> Double {
        withUnsafeBytes(of: values) { $0.load(fromByteOffset: i &* MemoryLayout<Double>.stride, as: Double.self) }
    }

    /// Copies the values of all `LogField.count` fields to `slots` (absent ones hold leftovers).
    @inline(__always)
    func copyValues(to slots: UnsafeMutablePointer<Double>) {
        withUnsafeBytes(of: values) { raw in
            slots.initialize(from: raw.baseAddress!.assumingMemoryBound(to: Double.self), count: LogField.count)
        }
    }

    @inline(__always)
    mutating func reset() {
        present = 0
        if runName != nil { runName = nil }
    }

    /// Keeps the value of the highest-priority alias; for the same alias the later one wins.
    @inline(__always)
    mutating func offer(_ field: LogField, rank: UInt8, value: Double) {
        offer(field: field.rawValue, clampedRank: min(rank, Self.lastRank), value: value)
    }

    /// `offer` with the field as its index and the rank already clamped to `lastRank`.
    @inline(__always)
    mutating func offer(field i: Int, clampedRank rank: UInt8, value: Double) {
        let bit = UInt32(1) &<< UInt32(truncatingIfNeeded: i)
        let shift = UInt64(truncatingIfNeeded: i &* 4)
        let rank = UInt64(rank)
        guard present & bit == 0 || rank <= (ranks &>> shift) & 0xF else { return }
        withUnsafeMutableBytes(of: &values) { $0.storeBytes(of: value, toByteOffset: i &* MemoryLayout<Double>.stride, as: Double.self) }
        ranks = ranks & ~(0xF &<< shift) | rank &<< shift
        present |= bit
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
