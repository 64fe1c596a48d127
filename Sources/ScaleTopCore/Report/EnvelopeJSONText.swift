/// The compact JSON text of a report's `envelope` array, kept between reports: the entries at the
/// start that are the same as last time (same point, same run name) keep their text, and only
/// those after are written again. A growing sweep moves its envelope mostly at the high-compute
/// end, so a report a second costs about the entries that changed.
public final class EnvelopeJSONText {
    private var entries: [ComputeEnvelope.Entry] = []
    private var names: [String] = []
    /// "[" and each entry's text with its separator; `ends[i]` is where entry i's text ends.
    private var text: [UInt8] = []
    private var ends: [Int] = []

    public init() {}

    /// The array's text for `entries` (`names`: run names by index; `entry`: one entry's JSON).
    func update(_ entries: [ComputeEnvelope.Entry], names runNames: [String],
                entry: (ComputeEnvelope.Entry) -> JSONValue) -> [UInt8] {
        var kept = 0
        while kept < min(entries.count, self.entries.count), entries[kept] == self.entries[kept],
              runNames.indices.contains(entries[kept].run), runNames[entries[kept].run] == names[kept] {
            kept += 1
        }
        self.entries.removeSubrange(kept...)
        names.removeSubrange(kept...)
        ends.removeSubrange(kept...)
        text.removeSubrange((kept == 0 ? 0 : ends[kept - 1])...)
        if text.isEmpty { text.append(UInt8(ascii: "[")) }
        for k in kept..<entries.count {
            if k > 0 { text.append(UInt8(ascii: ",")) }
            entry(entries[k]).write(into: &text, pretty: false, indent: 0)
            self.entries.append(entries[k])
            names.append(runNames.indices.contains(entries[k].run) ? runNames[entries[k].run] : "")
            ends.append(text.count)
        }
        return text + [UInt8(ascii: "]")]
    }
}
