import Foundation

/// Text colours that stay readable on a figure's background: WCAG 2's contrast ratio
/// ((L1 + 0.05) / (L2 + 0.05) of relative luminances), and a colour moved towards black or
/// white, whichever the background contrasts with more, until it reaches AA's 4.5:1 for body text.
public enum ContrastingInk {
    public static let minimumRatio = 4.5

    /// `colour` (`#rrggbb`) as it is when it already reads on `background`, else the nearest
    /// mix of it with black or white that does.
    public static func readable(_ colour: String, on background: String, minimum: Double = minimumRatio) -> String {
        guard let ink = rgb(colour), let paper = rgb(background) else { return colour }
        if ratio(ink, paper) >= minimum { return colour }
        let towards: [Double] = ratio([0, 0, 0], paper) >= ratio([1, 1, 1], paper) ? [0, 0, 0] : [1, 1, 1]
        for step in 1...20 {
            let t = Double(step) / 20
            let mixed = zip(ink, towards).map { $0 + ($1 - $0) * t }
            if ratio(mixed, paper) >= minimum { return hex(mixed) }
        }
        return hex(towards)
    }

    /// The contrast ratio of two `#rrggbb` colours (1 to 21); nil when one is not that form.
    public static func ratio(_ a: String, _ b: String) -> Double? {
        guard let x = rgb(a), let y = rgb(b) else { return nil }
        return ratio(x, y)
    }

    static func ratio(_ a: [Double], _ b: [Double]) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// Relative luminance of sRGB components in 0...1.
    static func luminance(_ c: [Double]) -> Double {
        let linear = c.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func rgb(_ hex: String) -> [Double]? {
        guard hex.count == 7, hex.hasPrefix("#"), let value = UInt32(hex.dropFirst(), radix: 16) else { return nil }
        return [Double((value >> 16) & 0xff) / 255, Double((value >> 8) & 0xff) / 255, Double(value & 0xff) / 255]
    }

    static func hex(_ c: [Double]) -> String {
        let digits = Array("0123456789abcdef")
        return "#" + String(c.flatMap { component -> [Character] in
            let v = Int((min(max(component, 0), 1) * 255).rounded())
            return [digits[v / 16], digits[v % 16]]
        })
    }
}
