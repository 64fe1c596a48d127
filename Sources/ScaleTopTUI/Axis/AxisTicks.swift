import Foundation
import ScaleTopCore

/// A tick on an axis and its label.
public struct AxisTick: Sendable, Equatable {
    public var value: Double
    public var label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

extension LogAxis {
    /// Ticks at powers of ten labelled `1e18` (the x axis of compute), every so many decades
    /// that `minimumSpacing` cells separate neighbours on an axis `cells` long. With less than
    /// two decades in view the round values between (2e18, 5e18) join in. On a linear axis:
    /// round 1-2-5 steps.
    public func decadeTicks(cells: Int, minimumSpacing: Int = 8) -> [AxisTick] {
        guard isLogarithmic else { return linearTicks(cells: cells, minimumSpacing: minimumSpacing) }
        let a = log10(lower), b = log10(upper)
        let first = Int(ceil(a - 1e-9)), last = Int(floor(b + 1e-9))
        if last - first < 1 {
            let ticks = readableTicks(cells: cells, minimumSpacing: minimumSpacing, label: Self.exponentLabel)
            // Fewer than three round values in view, or labels that round two values alike: even steps.
            if ticks.count >= 3, Set(ticks.map(\.label)).count == ticks.count { return ticks }
            return evenTicks(cells: cells, minimumSpacing: minimumSpacing, label: Self.threeDigitLabel) ?? ticks
        }
        let cellsPerDecade = Double(cells) / (b - a)
        let stride = [1, 2, 3, 5, 10, 20, 50].first { Double($0) * cellsPerDecade >= Double(minimumSpacing) } ?? 100
        // Multiples of the stride, so the labels stay the same as the view scrolls.
        let start = Int((Double(first) / Double(stride)).rounded(.up)) * stride
        return Swift.stride(from: start, through: last, by: stride).map {
            AxisTick(value: pow(10, Double($0)), label: Self.exponentLabel(pow(10, Double($0))))
        }
    }

    /// Ticks at readable round values for the range (loss: 2.5, 3, 3.5, 4, 5, 6), at least
    /// `minimumSpacing` cells apart. Coarse values are placed first (1, 2, 5), finer ones
    /// (1.5, 3, then 2.5, 4, …) only where they still fit, so each part of a log axis gets as
    /// many labels as it has room for. All labels share one number of decimals.
    public func roundTicks(cells: Int, minimumSpacing: Int = 2) -> [AxisTick] {
        guard isLogarithmic else { return linearTicks(cells: cells, minimumSpacing: minimumSpacing) }
        let ticks = readableTicks(cells: cells, minimumSpacing: minimumSpacing, label: nil)
        // A narrow range (a zoom) between the round values: even steps instead.
        return ticks.count >= 3 ? ticks : evenTicks(cells: cells, minimumSpacing: minimumSpacing, label: nil) ?? ticks
    }

    static let mantissaLevels: [[Double]] = [
        [1], [2, 5], [1.5, 3], [2.5, 4, 6, 8], [3.5, 4.5, 7, 9],
        [1.2, 1.4, 1.6, 1.8, 5.5, 6.5, 7.5, 8.5, 9.5], [1.1, 1.3, 1.7, 1.9, 2.2, 2.4, 2.6, 2.8],
    ]

    private func readableTicks(cells: Int, minimumSpacing: Int, label: ((Double) -> String)?) -> [AxisTick] {
        let spacing = Double(max(1, minimumSpacing))
        let scale = Double(max(cells - 1, 1))
        let firstDecade = Int(floor(log10(lower))), lastDecade = Int(ceil(log10(upper)))
        var chosen: [(value: Double, position: Double)] = []
        for level in Self.mantissaLevels {
            for decade in firstDecade...lastDecade {
                for mantissa in level {
                    let value = mantissa * pow(10, Double(decade))
                    guard value >= lower * (1 - 1e-12), value <= upper * (1 + 1e-12) else { continue }
                    let position = fraction(value) * scale
                    if chosen.allSatisfy({ abs($0.position - position) >= spacing }) {
                        chosen.append((value, position))
                    }
                }
            }
        }
        let values = chosen.map(\.value).sorted()
        let labels = label.map { f in values.map(f) } ?? Self.sharedDecimalLabels(values)
        return zip(values, labels).map { AxisTick(value: $0, label: $1) }
    }

    /// Ticks at even 1-2-5 steps of the value (2.9, 3.0, 3.1) on a log axis too narrow for
    /// `readableTicks` to find three; nil when even steps give fewer than two.
    private func evenTicks(cells: Int, minimumSpacing: Int, label: ((Double) -> String)?) -> [AxisTick]? {
        let spacing = Double(max(1, minimumSpacing))
        let scale = Double(max(cells - 1, 1))
        let count = max(2, cells / max(1, minimumSpacing))
        let rough = (upper - lower) / Double(count)
        guard rough > 0, rough.isFinite else { return nil }
        let magnitude = pow(10, floor(log10(rough)))
        for multiple in [1.0, 2, 5, 10, 20, 50] {
            let step = multiple * magnitude
            var values: [Double] = []
            var value = (lower / step).rounded(.up) * step
            while value <= upper * (1 + 1e-12), values.count < 100 {
                values.append(value)
                value += step
            }
            let positions = values.map { fraction($0) * scale }
            guard zip(positions, positions.dropFirst()).allSatisfy({ $1 - $0 >= spacing }) else { continue }
            guard values.count >= 2 else { return nil }
            let labels = label.map { f in values.map(f) } ?? Self.sharedDecimalLabels(values)
            return zip(values, labels).map { AxisTick(value: $0, label: $1) }
        }
        return nil
    }

    /// `1.25e19`: up to three significant digits.
    static func threeDigitLabel(_ value: Double) -> String {
        guard value > 0, value.isFinite else { return NumberText.short(value) }
        var exponent = Int(floor(log10(value) + 1e-9))
        var mantissa = (value / pow(10, Double(exponent)) * 100).rounded() / 100
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        if (-2...3).contains(exponent) { return NumberText.short(value) }
        var text = NumberText.fixed(mantissa, digits: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return "\(text)e\(exponent)"
    }

    private func linearTicks(cells: Int, minimumSpacing: Int) -> [AxisTick] {
        let count = max(1, cells / max(1, minimumSpacing))
        let rough = (upper - lower) / Double(count)
        guard rough > 0, rough.isFinite else { return [] }
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        var ticks: [AxisTick] = []
        var value = (lower / step).rounded(.up) * step
        while value <= upper * (1 + 1e-12) + 1e-300, ticks.count < 200 {
            let clean = abs(value) < step * 1e-9 ? 0 : value
            ticks.append(AxisTick(value: clean, label: NumberText.short(clean)))
            value += step
        }
        return ticks
    }

    /// `1e18`, `2e18`; plain for 0.01 … 1000 where that is shorter (`1`, `10`, `500`).
    public static func exponentLabel(_ value: Double) -> String {
        guard value > 0, value.isFinite else { return NumberText.short(value) }
        var exponent = Int(floor(log10(value) + 1e-9))
        var mantissa = (value / pow(10, Double(exponent)) * 10).rounded() / 10
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        if (-2...3).contains(exponent) { return NumberText.short(value) }
        let m = mantissa == mantissa.rounded() ? String(Int(mantissa)) : NumberText.fixed(mantissa, digits: 1)
        return "\(m)e\(exponent)"
    }

    /// Labels with the fewest decimals (up to 3) that render every value exactly, the same
    /// for all, so a column of labels lines up (`3.0`, `3.5`, `4.0`).
    static func sharedDecimalLabels(_ values: [Double]) -> [String] {
        guard let largest = values.map(abs).max() else { return [] }
        if largest >= 10_000 || values.contains(where: { $0 != 0 && abs($0) < 0.001 }) {
            return values.map(NumberText.short)
        }
        for digits in 0...3 {
            let scale = pow(10, Double(digits))
            if values.allSatisfy({ abs(($0 * scale).rounded() - $0 * scale) < 1e-6 * max(1, abs($0 * scale)) }) {
                return values.map { NumberText.fixed($0, digits: digits) }
            }
        }
        return values.map { NumberText.fixed($0, digits: 3) }
    }
}
