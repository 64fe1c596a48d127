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

    /// `decode`, then `emit` with the outcome and the record where the decoder holds it (a
    /// caller that stores the record elsewhere would otherwise copy it per row).
    @inline(__always)
    public mutating func decode(_ line: UnsafeRawBufferPointer, emit: (ScanOutcome, borrowing ScannedRecord) -> Void) {
        let outcome = decode(line)
        emit(outcome, record)
    }

    /// Reads one line: the header (returns `.blank`, nothing to add) or a row.
    public mutating func decode(_ line: UnsafeRawBufferPointer) -> ScanOutcome {
        var bytes = line
        if let last = bytes.last, last == 0x0D { bytes = UnsafeRawBufferPointer(start: bytes.baseAddress, count: bytes.count - 1) }
        if !hasHeader, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        if bytes.isEmpty || (bytes[0] == 0x20 || bytes[0] == 0x09) && bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
        record.reset()
        guard hasHeader else { return readHeader(bytes) }
        // A row: plain cells are read where they lie, in one pass over the line; a quoted cell
        // goes through `readCell`, which copies it.
        let p = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let end = bytes.count
        var column = 0
        var i = 0
        while true {
            while i < end, p[i] == 0x20 { i &+= 1 }
            var next = i
            if i < end, p[i] == UInt8(ascii: "\"") {
                guard let quotedEnd = readCell(bytes, from: i) else { return .bad(.invalidSyntax) }
                let copied = cell
                copied.withUnsafeBytes { take($0, column: column) }
                next = quotedEnd
            } else {
                // Nearly every cell of a field's column is a plain number ending at the comma:
                // read it as the comma is sought. Anything else is taken as text.
                let role = column < roles.count ? roles[column] : nil
                var length = 0
                if case let .field(field, rank)? = role {
                    var value = 0.0
                    length = DecimalParser.lengthParsing(p, i, end, value: &value)
                    if length > 0, i &+ length == end || p[i &+ length] == UInt8(ascii: ",") {
                        record.offer(field, rank: rank, value: value)
                    } else {
                        length = 0
                    }
                }
                next = i &+ length
                if length == 0 {
                    // Cells are short: a plain loop beats a call to memchr.
                    while next < end, p[next] != UInt8(ascii: ",") { next &+= 1 }
                    var last = next
                    while last > i, p[last &- 1] == 0x20 { last &-= 1 }
                    if last > i, role != nil { take(UnsafeRawBufferPointer(start: p + i, count: last &- i), column: column) }
                }
            }
            column &+= 1
            guard next < end else { break }
            i = next &+ 1  // past the comma
        }
        return .record
    }

    /// Reads the header line: each cell names its column (`.blank`), or the line is bad and
    /// the next one is tried as the header.
    private mutating func readHeader(_ bytes: UnsafeRawBufferPointer) -> ScanOutcome {
        var column = 0
        var i = 0
        while true {
            guard let next = readCell(bytes, from: i) else { roles = []; return .bad(.invalidSyntax) }
            let copied = cell
            copied.withUnsafeBytes { take($0, column: column) }
            column += 1
            guard next < bytes.count else { break }
            i = next + 1  // past the comma
        }
        hasHeader = true
        return .blank
    }

    /// Takes one cell's text: a header cell names its column's role; a row's cell is offered to
    /// its column's field.
    @inline(__always)
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

    /// Copies the cell starting at `start` into `cell` (unquoted, and in the header with its
    /// `.` read as `/`) and returns the index of the comma or end that ends it; nil for an
    /// unterminated quote. Plain cells of a row are read in place by `decode` instead.
    private mutating func readCell(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var i = start
        let end = bytes.count
        while i < end, bytes[i] == 0x20 { i += 1 }
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
