import Foundation
import ScaleTopCore

/// The tests' one random generator: SplitMix64 from a seed the test names, so a failing test
/// makes the same input again. Uniform and Gaussian draws for synthetic data on top of `next()`.
public struct TestRandom: RandomNumberGenerator {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { generator.next() }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<bound.
    public mutating func below(_ bound: Int) -> Int {
        min(bound - 1, Int(unit() * Double(bound)))
    }

    /// A standard normal draw (Box–Muller; the first uniform is kept off zero for the logarithm).
    public mutating func gaussian() -> Double {
        let u1 = Double((next() >> 11) + 1) * 0x1.0p-53
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
