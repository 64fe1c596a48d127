/// Every alias's value of every field on one line, for the general scanner, where a duplicate
/// key's later value that is not a number withdraws its alias and the field falls back to the
/// next alias present (`{"loss": 1, "loss": null, "train_loss": 4}` reads loss 4), exactly as if
/// the line held only the later value. `ScannedRecord` keeps only winners, so it cannot do this.
struct AliasSlots {
    /// Slots per field: aliases of rank `ScannedRecord.lastRank` and above share the last one.
    static let slotsPerField = Int(ScannedRecord.lastRank) + 1
    private var values = [Double](repeating: 0, count: LogField.count * slotsPerField)
    /// For each field, a bit per alias rank that holds a value.
    private var aliases = [UInt8](repeating: 0, count: LogField.count)
    private var present: UInt32 = 0

    mutating func reset() {
        if present != 0 {
            for i in 0..<LogField.count { aliases[i] = 0 }
            present = 0
        }
    }

    /// For the same alias the later value wins.
    mutating func offer(_ field: LogField, rank: UInt8, value: Double) {
        let i = field.rawValue
        let r = Int(min(rank, ScannedRecord.lastRank))
        values[i * Self.slotsPerField + r] = value
        aliases[i] |= 1 << UInt8(r)
        present |= 1 << UInt32(i)
    }

    /// A later value of this alias that is not a number: the alias no longer holds one.
    mutating func withdraw(_ field: LogField, rank: UInt8) {
        let i = field.rawValue
        guard present & (1 << UInt32(i)) != 0 else { return }
        aliases[i] &= ~(1 << min(rank, ScannedRecord.lastRank))
        if aliases[i] == 0 { present &= ~(1 << UInt32(i)) }
    }

    /// Offers each field's highest-priority alias still present to `record`.
    func offerWinners(to record: inout ScannedRecord) {
        var remaining = present
        while remaining != 0 {
            let i = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let rank = aliases[i].trailingZeroBitCount
            record.offer(field: i, clampedRank: UInt8(rank), value: values[i * Self.slotsPerField + rank])
        }
    }
}
