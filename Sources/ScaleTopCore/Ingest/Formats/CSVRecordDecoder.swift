/// Reads `metrics.csv` (PyTorch Lightning's `CSVLogger`, or any CSV with a header row): the
/// first line names the columns, each later line is one record. Column names are keys of the
/// shared `KeyCatalog` (`.` read as `/`); an empty cell is an absent value; a cell may be
/// quoted (`"a,b"`, `""` for a quote). Cells that are not numbers are ignored, except in a
/// `run` column, which names the run.
public struct CSVRecordDecoder: Sendable {
    public let catalog: KeyCatalog
    private var roles: [KeyCatalog.Role?] = []
    public private(set) var hasHeader = false
    public private(set) var record = ScannedRecord()
    private var cell: [UInt8] = []

    public init(catalog: KeyCatalog) {
        self.catalog = catalog
    }

    public mutating func reset() {
        roles = []
        hasHeader = false
    }

    /// Reads one line: the header (returns `.blank`, nothing to add) or a row.
    public mutating func decode(_ line: UnsafeRawBufferPointer) -> ScanOutcome {
        var bytes = line
        if let last = bytes.last, last == 0x0D { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        if !hasHeader, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
        record.reset()
        var column = 0
        var i = 0
        var valid = true
        while true {
            guard let next = readCell(bytes, from: i) else { valid = false; break }
            if !hasHeader {
                let role = cell.isEmpty ? nil : cell.withUnsafeBufferPointer { catalog.role($0.baseAddress!, count: $0.count) }
                roles.append(role)
            } else if column < roles.count, let role = roles[column], !cell.isEmpty {
                switch role {
                case .runName:
                    record.runName = String(decoding: cell, as: UTF8.self)
                case let .field(field, rank):
                    let value = cell.withUnsafeBufferPointer {
                        field.acceptsCountSuffix
                            ? DecimalParser.parseCountText($0.baseAddress!, 0, $0.count)
                            : DecimalParser.parseNumericText($0.baseAddress!, 0, $0.count)
                    }
                    if let value { record.offer(field, rank: rank, value: value) }
                }
            }
            column += 1
            guard next < bytes.count else { break }
            i = next + 1  // past the comma
        }
        if !hasHeader {
            guard valid else { roles = []; return .bad(.invalidSyntax) }
            hasHeader = true
            return .blank
        }
        return valid ? .record : .bad(.invalidSyntax)
    }

    /// Reads the cell starting at `start` into `cell` (`.` as `/` does not apply to values, so
    /// it is done by the caller's catalog lookup on header cells only); returns the index of the
    /// comma or end that ends it, or nil for an unterminated quote.
    private mutating func readCell(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        cell.removeAll(keepingCapacity: true)
        var i = start
        let end = bytes.count
        while i < end, bytes[i] == 0x20 { i += 1 }
        if i < end, bytes[i] == UInt8(ascii: "\"") {
            i += 1
            while true {
                guard i < end else { return nil }
                if bytes[i] == UInt8(ascii: "\"") {
                    if i + 1 < end, bytes[i + 1] == UInt8(ascii: "\"") { append(bytes[i]); i += 2; continue }
                    i += 1
                    break
                }
                append(bytes[i])
                i += 1
            }
            while i < end, bytes[i] != UInt8(ascii: ",") { i += 1 }
            return i
        }
        while i < end, bytes[i] != UInt8(ascii: ",") { append(bytes[i]); i += 1 }
        while let last = cell.last, last == 0x20 { cell.removeLast() }
        return i
    }

    @inline(__always)
    private mutating func append(_ b: UInt8) {
        cell.append(!hasHeader && b == UInt8(ascii: ".") ? UInt8(ascii: "/") : b)
    }
}
