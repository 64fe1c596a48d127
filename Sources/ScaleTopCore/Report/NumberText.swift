/// Short, locale-independent number text for people (`1.2e9`, `3.41`).
public enum NumberText {
    /// Three significant digits; scientific notation outside [0.01, 10000).
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 0.01 && magnitude < 10_000 {
            let digits = max(0, 2 - Int(floor(log10(magnitude))))
            return fixed(value, digits: digits)
        }
        var exponent = Int(floor(log10(magnitude)))
        var mantissa = value / pow(10, Double(exponent))
        if abs((mantissa * 10).rounded() / 10) >= 10 {
            exponent += 1
            mantissa /= 10
        }
        var m = fixed(mantissa, digits: 1)
        if m.hasSuffix(".0") { m.removeLast(2) }
        return "\(m)e\(exponent)"
    }

    /// Fixed-point with `digits` decimals, without the C library's locale.
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return short(value) }
        let scale = pow(10, Double(digits))
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let integer = UInt64(scaled)
        var text = String(integer / UInt64(scale))
        if digits > 0 {
            let fraction = String(integer % UInt64(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }
}

import Foundation
