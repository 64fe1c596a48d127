/// What one read line says, as the sweep takes it: the known fields it holds (the winning alias
/// of each) and the run it names. A `ScannedRecord` is one; a `LineBatch` hands over views of
/// its scanned lines without building records.
public protocol LineFields {
    subscript(field: LogField) -> Double? { get }
    /// A bit per `LogField.rawValue` of the fields present.
    var presentFields: UInt32 { get }
    /// The `"run"` string of the line, if any.
    var runName: String? { get }
}

extension LineFields {
    /// True when the line carries no key scaletop reads.
    public var isEmpty: Bool { presentFields == 0 && runName == nil }

    /// True when the line carries a field that describes its run (params, planned length...).
    public var describesRun: Bool { presentFields & LogField.runDescribingFields != 0 }
}

extension LogField {
    /// The bits of the fields that describe a run rather than one of its points.
    static let runDescribingFields: UInt32 = allCases.reduce(0) { $1.describesRun ? $0 | 1 << UInt32($1.rawValue) : $0 }
}
