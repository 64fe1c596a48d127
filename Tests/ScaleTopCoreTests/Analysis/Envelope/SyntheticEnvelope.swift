import Foundation
import ScaleTopCore
import ScaleTopTestSupport

/// Envelope points drawn from a known L(C) = E + A·C^−α with multiplicative log-normal noise.
struct SyntheticEnvelope {
    var E = 1.7
    var A = 2.5e5
    var alpha = 0.3
    var smallestCompute = 1e17
    var largestCompute = 1e21
    var count = 40
    /// Standard deviation of ln L around the law.
    var noise = 0.005

    func loss(at compute: Double) -> Double { E + A * pow(compute, -alpha) }

    func points(seed: UInt64) -> [ComputeLossPoint] {
        var gaussian = TestRandom(seed: seed)
        let span = log(largestCompute / smallestCompute)
        return (0..<count).map { index in
            let compute = smallestCompute * exp(span * Double(index) / Double(count - 1))
            return ComputeLossPoint(compute: compute, loss: loss(at: compute) * exp(noise * gaussian.gaussian()))
        }
    }
}
