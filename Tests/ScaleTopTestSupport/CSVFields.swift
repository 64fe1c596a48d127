/// RFC 4180 fields of one CSV line (quoted fields may hold commas and doubled quotes), for
/// reading back what scaletop wrote.
public enum CSVFields {
    public static func parse(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", quoted = false, previousQuote = false
        for c in line {
            if quoted {
                if c == "\"" { quoted = false; previousQuote = true; continue }
                current.append(c)
            } else if c == "\"" {
                if previousQuote { current.append("\"") }
                quoted = true
            } else if c == "," {
                fields.append(current); current = ""
            } else {
                current.append(c)
            }
            previousQuote = false
        }
        fields.append(current)
        return fields
    }
}
