import Foundation
import ScaleTopCore

/// Uniform and Gaussian draws built only on `next()`, because the standard library's
/// `Double.random(in:using:)` does not promise the same algorithm across versions and the simulator
/// promises the same sweep for the same seed.
extension RandomNumberGenerator {
    /// A uniform draw in (0, 1]: never 0, so it is safe under a logarithm.
    public mutating func nextUnitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A standard normal draw by the Box–Muller transform. The second value of each pair is
    /// discarded: it keeps the generator's state the only state, at a cost that does not matter here.
    public mutating func nextGaussian() -> Double {
        let radius = (-2 * log(nextUnitInterval())).squareRoot()
        let angle = 2 * Double.pi * nextUnitInterval()
        return radius * cos(angle)
    }
}
