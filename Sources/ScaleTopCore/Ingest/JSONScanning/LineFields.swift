/// What one read line says, as the sweep takes it: the known fields it holds (the winning alias
/// of each) and the run it names. A `ScannedRecord` is one; a `LineBatch` hands over views of
/// its scanned lines without building records.
public protocol LineFields {
    subscript(field: LogField) -> Double? { get }
    /// A bit per `LogField.rawValue` of the fields present.
    var presentFields: UInt32 { get }
    /// The `"run"` string of the line, if any.
    var runName: String? { get }
    /// The rank of the loss alias that gave the line's loss (meaningful when it has one), so the
    /// sweep can keep one loss key per run.
    var lossRank: UInt8 { get }
    /// The same for the evaluation loss.
    var evalLossRank: UInt8 { get }
}

extension LineFields {
    /// True when the line carries no key scaletop reads.
    /// (Two steps, not `&&`: its autoclosure would copy the record.)
    public var isEmpty: Bool {
        guard presentFields == 0 else { return false }
        return runName == nil
    }

    /// True when the line carries a field that describes its run (params, planned length...).
    public var describesRun: Bool { presentFields & LogField.runDescribingFields != 0 }
}

extension LineFields {
    /// The loss values of the line with their place in `LogField.lossKeys`: the training loss
    /// first, then the evaluation loss.
    @inline(__always)
    var evaluationLoss: (value: Double, rank: UInt8)? {
        guard let value = self[.evalLoss] else { return nil }
        return (value, UInt8(LogField.loss.aliases.count) &+ evalLossRank)
    }
}

extension LogField {
    /// The bits of the fields that describe a run rather than one of its points.
    static let runDescribingFields: UInt32 = allCases.reduce(0) { $1.describesRun ? $0 | 1 << UInt32($1.rawValue) : $0 }
}
