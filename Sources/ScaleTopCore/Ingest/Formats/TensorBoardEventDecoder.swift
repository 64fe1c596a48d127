#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns TensorBoard `Event` protobufs into records. Writers log one scalar per event
/// (`add_scalar("train/loss")`, then `add_scalar("train/tokens")` at the same step), so
/// consecutive events of one step are gathered into one record, handed over when an event of
/// another step arrives or when the reader has caught up with the file (`flush`).
///
/// Read: `Event.wall_time` (1, double), `Event.step` (2, int64), `Event.summary` (5) with its
/// repeated `Summary.Value` (1): `tag` (1), `simple_value` (2, float), `tensor` (8, a
/// `TensorProto`: dtype 1, tensor_content 4, float_val 5, double_val 6, int_val 7, string_val
/// 8, int64_val 10) and `metadata` (9: plugin_data 1: plugin_name 1). A one-element tensor is a
/// scalar; a string tensor holding a number (a text summary, `add_text("params", "1e7")`,
/// stored under the tag `params/text_summary`) reads as that number. Tags are keys of the
/// shared `KeyCatalog`, `.` read as `/`.
public struct TensorBoardEventDecoder: Sendable {
    public let catalog: KeyCatalog
    private var pending = ScannedRecord()
    private var pendingStep: Int64 = 0
    private var hasPending = false
    private var key: [UInt8] = []

    public init(catalog: KeyCatalog) {
        self.catalog = catalog
        key.reserveCapacity(64)
    }

    public mutating func reset() {
        pending.reset()
        hasPending = false
    }

    /// Decodes one event; calls `emit` for a record of an earlier step that is now complete.
    /// Returns false when the payload is not a readable `Event`.
    public mutating func decode(_ payload: UnsafeRawBufferPointer, emit: (ScannedRecord) -> Void) -> Bool {
        var reader = ProtobufReader(payload)
        var step: Int64 = 0
        var wallTime: Double?
        var summary: UnsafeRawBufferPointer?
        do {
            while let (number, type) = try reader.nextField() {
                switch (number, type) {
                case (1, .fixed64): wallTime = try reader.double()
                case (2, .varint): step = Int64(bitPattern: try reader.varint())
                case (5, .lengthDelimited): summary = try reader.lengthDelimited()
                default: try reader.skip(type)
                }
            }
        } catch {
            return false
        }
        // Events without a summary (the file version, graphs, session logs) carry nothing.
        guard let summary else { return true }
        if hasPending && step != pendingStep { flush(emit: emit) }
        if !hasPending {
            hasPending = true
            pendingStep = step
            pending.reset()
            pending.offer(.step, rank: 0, value: Double(step))
            // Lowest rank: a logged `time` tag wins over the event's wall time.
            if let wallTime { pending.offer(.time, rank: 250, value: wallTime) }
        }
        do {
            var values = ProtobufReader(summary)
            while let (number, type) = try values.nextField() {
                guard number == 1, type == .lengthDelimited else { try values.skip(type); continue }
                try readValue(try values.lengthDelimited())
            }
        } catch {
            return false
        }
        return true
    }

    /// Hands over the record being gathered, if any.
    public mutating func flush(emit: (ScannedRecord) -> Void) {
        guard hasPending else { return }
        hasPending = false
        emit(pending)
    }

    private mutating func readValue(_ bytes: UnsafeRawBufferPointer) throws(ProtobufReader.Failure) {
        var reader = ProtobufReader(bytes)
        var tag: UnsafeRawBufferPointer?
        var value: Double?
        var textPlugin = false
        while let (number, type) = try reader.nextField() {
            switch (number, type) {
            case (1, .lengthDelimited): tag = try reader.lengthDelimited()
            case (2, .fixed32): value = Double(try reader.float())
            case (8, .lengthDelimited): value = try Self.scalar(ofTensor: try reader.lengthDelimited())
            case (9, .lengthDelimited): textPlugin = try Self.isTextPlugin(try reader.lengthDelimited())
            default: try reader.skip(type)
            }
        }
        guard let tag, let value, let base = tag.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var count = tag.count
        // `/text_summary` (or `.text_summary`, `.` being read as `/`) is dropped from a text tag.
        if textPlugin {
            let suffix = Self.textSummarySuffix
            let separator = count > suffix.count + 1 ? base[count - suffix.count - 1] : 0
            if separator == UInt8(ascii: "/") || separator == UInt8(ascii: "."),
               suffix.withUnsafeBufferPointer({ memcmp(base + count - $0.count, $0.baseAddress!, $0.count) == 0 }) {
                count -= suffix.count + 1
            }
        }
        let role: KeyCatalog.Role?
        if memchr(base, Int32(UInt8(ascii: ".")), count) == nil {
            // Most tags have no `.` to read as `/`: looked up where they lie.
            role = catalog.role(base, count: count)
        } else {
            key.removeAll(keepingCapacity: true)
            for b in UnsafeBufferPointer(start: base, count: count) { key.append(b == UInt8(ascii: ".") ? UInt8(ascii: "/") : b) }
            role = key.withUnsafeBufferPointer { catalog.role($0.baseAddress!, count: $0.count) }
        }
        if case let .field(field, rank) = role { pending.offer(field, rank: rank, value: value) }
    }

    /// What a text summary's tag ends with after a `/` (`add_text("params", ...)` logs
    /// `params/text_summary`).
    private static let textSummarySuffix = Array("text_summary".utf8)

    private static func isTextPlugin(_ metadata: UnsafeRawBufferPointer) throws(ProtobufReader.Failure) -> Bool {
        var reader = ProtobufReader(metadata)
        while let (number, type) = try reader.nextField() {
            guard number == 1, type == .lengthDelimited else { try reader.skip(type); continue }
            var plugin = ProtobufReader(try reader.lengthDelimited())
            while let (n, t) = try plugin.nextField() {
                guard n == 1, t == .lengthDelimited else { try plugin.skip(t); continue }
                return try plugin.lengthDelimited().elementsEqual("text".utf8)
            }
        }
        return false
    }

    /// The value of a one-element tensor, or nil.
    static func scalar(ofTensor bytes: UnsafeRawBufferPointer) throws(ProtobufReader.Failure) -> Double? {
        var reader = ProtobufReader(bytes)
        var dtype: UInt64 = 0
        var content: UnsafeRawBufferPointer?
        var values: [Double] = []
        while let (number, type) = try reader.nextField() {
            switch (number, type) {
            case (1, .varint): dtype = try reader.varint()
            case (4, .lengthDelimited): content = try reader.lengthDelimited()
            case (5, .fixed32): values.append(Double(try reader.float()))
            case (6, .fixed64): values.append(try reader.double())
            case (7, .varint), (10, .varint): values.append(Double(Int64(bitPattern: try reader.varint())))
            case (5, .lengthDelimited), (6, .lengthDelimited), (7, .lengthDelimited), (10, .lengthDelimited):
                var packed = ProtobufReader(try reader.lengthDelimited())
                while !packed.isAtEnd {
                    switch number {
                    case 5: values.append(Double(try packed.float()))
                    case 6: values.append(try packed.double())
                    default: values.append(Double(Int64(bitPattern: try packed.varint())))
                    }
                }
            case (8, .lengthDelimited):
                let text = try reader.lengthDelimited()
                guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { continue }
                if let v = DecimalParser.parseNumericText(base, 0, text.count) { values.append(v) } else { return nil }
            default: try reader.skip(type)
            }
        }
        if let content, values.isEmpty {
            // Raw little-endian elements; only the element types a scalar summary uses.
            var raw = ProtobufReader(content)
            switch (dtype, content.count) {
            case (1, 4): values.append(Double(try raw.float()))  // DT_FLOAT
            case (2, 8): values.append(try raw.double())  // DT_DOUBLE
            case (3, 4): values.append(Double(Int32(bitPattern: try raw.fixed32())))  // DT_INT32
            case (9, 8): values.append(Double(Int64(bitPattern: try raw.fixed64())))  // DT_INT64
            default: return nil
            }
        }
        return values.count == 1 ? values[0] : nil
    }
}
