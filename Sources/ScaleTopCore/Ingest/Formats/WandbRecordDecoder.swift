/// Turns records of a W&B run file (protobuf `Record` of wandb's `wandb_internal.proto`) into
/// records. Read: `Record.history` (2: `HistoryRecord` with repeated `HistoryItem` item = 1 and
/// `HistoryStep` step = 2), `Record.config` (5) and `Record.run` (17: `RunRecord` with
/// `config` = 4, `run_group` = 6 and `display_name` = 8). `HistoryItem` and `ConfigItem` both hold `key` (1),
/// `nested_key` (2, repeated) and `value_json` (16).
///
/// The items of one record are written out as one JSON object, `{"train/loss": 2.5, ...}`
/// with nested keys joined by `/`, and read by the same `LineScanner` as a JSONL line, so
/// every alias, `--loss-key`, nested config values and numeric strings behave alike.
public struct WandbRecordDecoder: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// A history row, a config update or the run's description: see `scanner.record`.
        case record
        /// A record kind scaletop does not read (summary, output, telemetry...).
        case ignored
        case undecodable
    }

    public private(set) var scanner: LineScanner
    private var json: [UInt8] = []
    /// The run group of the last run record, until taken.
    private var runGroup: String?
    /// The last config record's items as a JSON object when they declare a learning-rate
    /// schedule (a key holding `lr_schedule`); the reader takes it with `takeScheduleConfig`.
    public private(set) var scheduleConfig: [UInt8]?

    public init(catalog: KeyCatalog) {
        scanner = LineScanner(catalog: catalog)
        json.reserveCapacity(512)
    }

    public var record: ScannedRecord { scanner.record }

    /// The run group a run record named since the last call (W&B's `group=`), once.
    public mutating func takeRunGroup() -> String? {
        defer { runGroup = nil }
        return runGroup
    }

    public mutating func decode(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        do {
            var reader = ProtobufReader(bytes)
            while let (number, type) = try reader.nextField() {
                switch (number, type) {
                case (2, .lengthDelimited): return try history(try reader.lengthDelimited())
                case (5, .lengthDelimited): return try config(try reader.lengthDelimited(), displayName: nil)
                case (17, .lengthDelimited): return try run(try reader.lengthDelimited())
                default: try reader.skip(type)
                }
            }
            return .ignored
        } catch {
            return .undecodable
        }
    }

    private mutating func history(_ bytes: UnsafeRawBufferPointer) throws(ProtobufReader.Failure) -> Outcome {
        var reader = ProtobufReader(bytes)
        var step: Double?
        beginObject()
        while let (number, type) = try reader.nextField() {
            switch (number, type) {
            case (1, .lengthDelimited): try item(try reader.lengthDelimited())
            case (2, .lengthDelimited):
                var s = ProtobufReader(try reader.lengthDelimited())
                while let (n, t) = try s.nextField() {
                    if n == 1, t == .varint { step = Double(Int64(bitPattern: try s.varint())) } else { try s.skip(t) }
                }
            default: try reader.skip(type)
            }
        }
        guard try scanObject() else { return .undecodable }
        if let step, scanner.record[.step] == nil { scanner.setStep(step) }
        return .record
    }

    private mutating func run(_ bytes: UnsafeRawBufferPointer) throws(ProtobufReader.Failure) -> Outcome {
        var reader = ProtobufReader(bytes)
        var config: UnsafeRawBufferPointer?
        var displayName: String?
        while let (number, type) = try reader.nextField() {
            switch (number, type) {
            case (4, .lengthDelimited): config = try reader.lengthDelimited()
            case (8, .lengthDelimited): displayName = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
            case (6, .lengthDelimited):
                let group = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
                if !group.isEmpty { runGroup = group }
            default: try reader.skip(type)
            }
        }
        return try self.config(config ?? UnsafeRawBufferPointer(start: nil, count: 0), displayName: displayName)
    }

    /// `ConfigRecord`: repeated `ConfigItem` update = 1 (remove = 2 is ignored).
    private mutating func config(_ bytes: UnsafeRawBufferPointer, displayName: String?) throws(ProtobufReader.Failure) -> Outcome {
        var reader = ProtobufReader(bytes)
        beginObject()
        while let (number, type) = try reader.nextField() {
            if number == 1, type == .lengthDelimited { try item(try reader.lengthDelimited()) } else { try reader.skip(type) }
        }
        guard try scanObject() else { return .undecodable }
        if Self.mentionsSchedule(json) { scheduleConfig = json }
        if let displayName, !displayName.isEmpty { scanner.setRunName(displayName) }
        return .record
    }

    /// Hands over the schedule-declaring config seen last, once.
    public mutating func takeScheduleConfig() -> [UInt8]? {
        defer { scheduleConfig = nil }
        return scheduleConfig
    }

    /// True when the bytes hold `lr_schedule` (the start of both schedule keys).
    static func mentionsSchedule(_ bytes: [UInt8]) -> Bool {
        let marker = Array("lr_schedule".utf8)
        guard bytes.count >= marker.count else { return false }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if (1..<marker.count).allSatisfy({ bytes[start + $0] == marker[$0] }) { return true }
        }
        return false
    }

    // MARK: - Writing the items as one JSON object

    private mutating func beginObject() {
        json.removeAll(keepingCapacity: true)
        json.append(UInt8(ascii: "{"))
    }

    private mutating func item(_ bytes: UnsafeRawBufferPointer) throws(ProtobufReader.Failure) {
        var reader = ProtobufReader(bytes)
        let mark = json.count
        if json.count > 1 { json.append(UInt8(ascii: ",")) }
        json.append(UInt8(ascii: "\""))
        var keyParts = 0
        var value: UnsafeRawBufferPointer?
        while let (number, type) = try reader.nextField() {
            switch (number, type) {
            case (1, .lengthDelimited), (2, .lengthDelimited):
                let part = try reader.lengthDelimited()
                if part.isEmpty { continue }
                if keyParts > 0 { json.append(UInt8(ascii: "/")) }
                appendEscaped(part)
                keyParts += 1
            case (16, .lengthDelimited): value = try reader.lengthDelimited()
            default: try reader.skip(type)
            }
        }
        guard keyParts > 0, let value, !value.isEmpty else {
            json.removeSubrange(mark...)
            return
        }
        json.append(UInt8(ascii: "\""))
        json.append(UInt8(ascii: ":"))
        json.append(contentsOf: value)
    }

    private mutating func appendEscaped(_ bytes: UnsafeRawBufferPointer) {
        // Keys rarely hold a character to escape: then they are copied whole.
        if !bytes.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            json.append(contentsOf: bytes)
            return
        }
        let hex = Self.hexDigits
        for b in bytes {
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                json.append(UInt8(ascii: "\\"))
                json.append(b)
            } else if b < 0x20 {
                json.append(contentsOf: Array("\\u00".utf8))
                json.append(hex[Int(b >> 4)])
                json.append(hex[Int(b & 15)])
            } else {
                json.append(b)
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Scans the object written so far; false when a value was not JSON.
    private mutating func scanObject() throws(ProtobufReader.Failure) -> Bool {
        json.append(UInt8(ascii: "}"))
        let copy = json
        let outcome = copy.withUnsafeBytes { scanner.scan($0) }
        return outcome == .record
    }
}
