import Foundation

/// The part of the plot in view, in data values (FLOPs, loss), so that a zoom stays on the same
/// region while runs grow. A nil range follows the data: x over everything, y over what the
/// x range shows.
public struct PlotZoom: Sendable, Equatable {
    public var x: ClosedRange<Double>?
    public var y: ClosedRange<Double>?

    public init(x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil) {
        self.x = x
        self.y = y
    }

    /// The narrowest span a zoom may reach, in decades of a log axis (or as a share of the
    /// value on a linear one): below it the axis labels could not tell ticks apart.
    static let narrowestDecades = 0.002

    /// `axis`'s range scaled by `factor` (2: half as wide) around `center`, which keeps its
    /// place on the axis.
    static func scaled(_ axis: LogAxis, around center: Double, by factor: Double) -> ClosedRange<Double> {
        let c = axis.fraction(center).isFinite ? min(max(axis.fraction(center), 0), 1) : 0.5
        let lo = 0 - c, hi = 1 - c
        var a = axis.value(atFraction: c + lo / factor), b = axis.value(atFraction: c + hi / factor)
        if axis.isLogarithmic {
            let width = log10(b) - log10(a)
            if width < narrowestDecades {
                let middle = (log10(a) + log10(b)) / 2
                a = pow(10, middle - narrowestDecades / 2)
                b = pow(10, middle + narrowestDecades / 2)
            }
        } else if b - a < abs(b) * narrowestDecades {
            let middle = (a + b) / 2, half = max(abs(middle) * narrowestDecades / 2, 1e-300)
            a = middle - half
            b = middle + half
        }
        return a...b
    }

    /// The range between two values on `axis`, in either order (a dragged box's sides); nil
    /// for a box too thin to mean a zoom.
    static func between(_ a: Double, _ b: Double, on axis: LogAxis) -> ClosedRange<Double>? {
        guard a.isFinite, b.isFinite, a != b else { return nil }
        if axis.isLogarithmic {
            guard a > 0, b > 0, abs(log10(a) - log10(b)) >= narrowestDecades else { return nil }
        }
        return min(a, b)...max(a, b)
    }
}
