import Foundation
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

@Suite struct SimulationRandomTests {
    @Test func splitMixMatchesTheReferenceOutput() {
        // First outputs of the reference C implementation (Vigna) for seed 0.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func xoshiroIsDeterministicPerSeed() {
        var first = Xoshiro256StarStar(seed: 42)
        var second = Xoshiro256StarStar(seed: 42)
        var other = Xoshiro256StarStar(seed: 43)
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        let c = (0..<100).map { _ in other.next() }
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).count == 100)
    }

    @Test func unitIntervalStaysInsideZeroExclusiveOneInclusive() {
        var generator = Xoshiro256StarStar(seed: 3)
        for _ in 0..<10_000 {
            let u = generator.nextUnitInterval()
            #expect(u > 0 && u <= 1)
        }
    }

    @Test func gaussianDrawsHaveUnitMomentsAndTails() {
        var generator = Xoshiro256StarStar(seed: 9)
        let count = 200_000
        let draws = (0..<count).map { _ in generator.nextGaussian() }
        let mean = draws.reduce(0, +) / Double(count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count - 1)
        let beyondTwoSigma = Double(draws.filter { abs($0) > 2 }.count) / Double(count)
        // Standard errors: mean 0.0022, variance 0.0032; P(|z| > 2) = 0.0455.
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.015)
        #expect(abs(beyondTwoSigma - 0.0455) < 0.003)
    }
}
