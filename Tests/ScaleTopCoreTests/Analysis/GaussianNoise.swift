import Foundation
import ScaleTopCore

/// Standard normal draws from a seeded SplitMix64 (Box–Muller), so synthetic data with
/// known truth is the same on every run.
struct GaussianNoise {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> Double {
        // 53-bit uniforms; u1 is kept off zero for the logarithm.
        let u1 = Double((generator.next() >> 11) + 1) * 0x1.0p-53
        let u2 = Double(generator.next() >> 11) * 0x1.0p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
