#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        if bytes.isEmpty || (bytes[0] == 0x20 || bytes[0] == 0x09) && bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
        record.reset()
        var column = 0
        var i = 0
        var valid = true
        while true {
            guard let (next, inPlace) = readCell(bytes, from: i) else { valid = false; break }
            if let inPlace {
                take(UnsafeRawBufferPointer(rebasing: bytes[inPlace]), column: column)
            } else {
                let copied = cell
                copied.withUnsafeBytes { take($0, column: column) }
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

    /// Takes one cell's text: a header cell names its column's role; a row's cell is offered to
    /// its column's field.
    private mutating func take(_ text: UnsafeRawBufferPointer, column: Int) {
        let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self)
        if !hasHeader {
            roles.append(base.flatMap { text.isEmpty ? nil : catalog.role($0, count: text.count) })
        } else if column < roles.count, let role = roles[column], let base, !text.isEmpty {
            switch role {
            case .runName:
                record.runName = String(decoding: text, as: UTF8.self)
            case let .field(field, rank):
                // A cell that is a plain number (nearly all) is read by the JSON number parser
                // in one pass; anything else by the lenient readers.
                var value = 0.0
                if DecimalParser.lengthParsing(base, 0, text.count, value: &value) == text.count {
                    record.offer(field, rank: rank, value: value)
                } else if let value = field.acceptsCountSuffix
                    ? DecimalParser.parseCountText(base, 0, text.count)
                    : DecimalParser.parseNumericText(base, 0, text.count) {
                    record.offer(field, rank: rank, value: value)
                }
            }
        }
    }

    /// Reads the cell starting at `start`: returns the index of the comma or end that ends it
    /// and, for a plain cell of a row, where its text lies in `bytes` (spaces around it left
    /// out); a quoted cell, or a header cell (its `.` read as `/`), is copied into `cell`
    /// instead. Nil for an unterminated quote.
    private mutating func readCell(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (next: Int, inPlace: Range<Int>?)? {
        var i = start
        let end = bytes.count
        while i < end, bytes[i] == 0x20 { i += 1 }
        if hasHeader, i == end || bytes[i] != UInt8(ascii: "\"") {
            // Cells are short: a plain loop beats a call to memchr.
            let p = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var next = i
            while next < end, p[next] != UInt8(ascii: ",") { next += 1 }
            var last = next
            while last > i, bytes[last - 1] == 0x20 { last -= 1 }
            return (next, i..<last)
        }
        cell.removeAll(keepingCapacity: true)
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
            return (i, nil)
        }
        while i < end, bytes[i] != UInt8(ascii: ",") { append(bytes[i]); i += 1 }
        while let last = cell.last, last == 0x20 { cell.removeLast() }
        return (i, nil)
    }

    @inline(__always)
    private mutating func append(_ b: UInt8) {
        cell.append(!hasHeader && b == UInt8(ascii: ".") ? UInt8(ascii: "/") : b)
    }
}
