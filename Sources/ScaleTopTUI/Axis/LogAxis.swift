import Foundation

/// Maps data values to a position along a plot edge, on a log scale (loss and compute span
/// decades, and power laws become straight lines) or a linear one (the `l` key, for x only).
public struct LogAxis: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let isLogarithmic: Bool
    /// The ends in the axis' linear coordinate, computed once: mapping runs per point drawn.
    private let start: Double
    private let span: Double

    /// A degenerate or invalid range is widened so that mapping never divides by zero.
    public init(lower: Double, upper: Double, logarithmic: Bool = true) {
        isLogarithmic = logarithmic
        var lo = lower, hi = upper
        if logarithmic {
            if !(lo > 0) || !lo.isFinite { lo = 1 }
            if !(hi > 0) || !hi.isFinite { hi = lo * 10 }
        } else {
            if !lo.isFinite { lo = 0 }
            if !hi.isFinite { hi = lo + 1 }
        }
        if lo > hi { swap(&lo, &hi) }
        if lo == hi {
            if logarithmic { lo /= 2; hi *= 2 } else { lo -= max(abs(lo) * 0.1, 0.5); hi += max(abs(hi) * 0.1, 0.5) }
        }
        self.lower = lo
        self.upper = hi
        start = logarithmic ? log10(lo) : lo
        span = (logarithmic ? log10(hi) : hi) - start
    }

    /// An axis that holds every finite value (positive ones on a log axis) and every `extra`
    /// value (the target, its band), with `margin` of the span added on both sides so that no
    /// curve touches the frame. Without any value: one decade.
    public static func fitting(
        _ values: [Double], including extra: [Double] = [], margin: Double = 0.04, logarithmic: Bool = true
    ) -> LogAxis {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (!logarithmic || v > 0) {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        for v in extra where v.isFinite && (!logarithmic || v > 0) {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard lo <= hi else { return LogAxis(lower: 1, upper: 10, logarithmic: logarithmic) }
        if logarithmic {
            var a = log10(lo), b = log10(hi)
            if b - a < 1e-9 { a -= 0.1; b += 0.1 }
            let pad = (b - a) * margin
            return LogAxis(lower: pow(10, a - pad), upper: pow(10, b + pad), logarithmic: true)
        }
        if hi - lo < 1e-300 { return LogAxis(lower: lo, upper: hi, logarithmic: false) }
        let pad = (hi - lo) * margin
        // Counts cannot be negative: keep a linear axis of non-negative data at or above zero.
        let lower = lo >= 0 ? max(0, lo - pad) : lo - pad
        return LogAxis(lower: lower, upper: hi + pad, logarithmic: false)
    }

    /// The coordinate the axis is linear in.
    @inline(__always)
    func transform(_ value: Double) -> Double {
        isLogarithmic ? Self.logarithm(value) : value
    }

    /// What a logarithmic axis maps linearly: log10 of a positive value, −∞ for any other.
    @inline(__always)
    static func logarithm(_ value: Double) -> Double {
        value > 0 ? log10(value) : -.infinity
    }

    /// 0 at `lower`, 1 at `upper`; outside [0, 1] for values beyond the axis, −∞ for a
    /// non-positive value on a log axis.
    @inline(__always)
    public func fraction(_ value: Double) -> Double {
        (transform(value) - start) / span
    }

    /// The value at a fraction of the axis (inverse of `fraction`).
    public func value(atFraction f: Double) -> Double {
        let t = start + f * span
        return isLogarithmic ? pow(10, t) : t
    }

    /// Position in pixels 0…pixels−1, increasing with the value.
    public func pixel(_ value: Double, pixels: Int) -> Double {
        pixel(transformed: transform(value), pixels: pixels)
    }

    /// `pixel` of a value already in the axis' linear coordinate (its `transform`).
    @inline(__always)
    func pixel(transformed coordinate: Double, pixels: Int) -> Double {
        (coordinate - start) / span * Double(max(pixels - 1, 1))
    }

    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}
