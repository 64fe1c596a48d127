import Foundation
import Testing
@testable import ScaleTopCore

@Suite struct FrontierSamplerTests {
    @Test func samplesTheMinimumOverInterpolatedCurvesAtLogSpacedComputes() {
        // Two straight lines in log-log that cross at C = 1e18.
        let a = [1e16, 1e17, 1e18, 1e19].map { ComputeLossPoint(compute: $0, loss: 4 * pow($0 / 1e16, -0.05)) }
        let b = [1e17, 1e18, 1e19, 1e20].map { ComputeLossPoint(compute: $0, loss: 4 * pow(1e18 / 1e16, -0.05) * pow($0 / 1e18, -0.1)) }
        let samples = FrontierSampler(count: 41).sample([a, b])
        #expect(samples.count == 41)
        #expect(abs(samples.first!.compute / 1e16 - 1) < 1e-12)
        #expect(abs(samples.last!.compute / 1e20 - 1) < 1e-12)
        for k in 1..<samples.count {
            // Log-spaced: equal ratios.
            #expect(abs(samples[k].compute / samples[k - 1].compute - pow(10, 0.1)) < 1e-9)
            #expect(samples[k].loss <= samples[k - 1].loss)
        }
        for s in samples {
            let lineA = 4 * pow(s.compute / 1e16, -0.05)
            let lineB = 4 * pow(1e18 / 1e16, -0.05) * pow(s.compute / 1e18, -0.1)
            let expected = s.compute <= 1e19 ? (s.compute >= 1e17 ? min(lineA, lineB) : lineA) : lineB
            #expect(abs(s.loss / expected - 1) < 1e-9, "\(s.compute)")
        }
    }

    @Test func aTableOfSinglePointsBecomesAStepFrontier() {
        let points = [ComputeLossPoint(compute: 1e18, loss: 3), ComputeLossPoint(compute: 1e20, loss: 2.5), ComputeLossPoint(compute: 1e19, loss: 3.5)]
        let samples = FrontierSampler(count: 21).sample(points.map { [$0] })
        #expect(samples.count == 21)
        #expect(samples.filter { $0.compute < 1e20 * 0.999 }.allSatisfy { $0.loss == 3 }, "\(samples.map { ($0.compute, $0.loss) })")
        #expect(samples.last!.loss == 2.5)
    }
}
