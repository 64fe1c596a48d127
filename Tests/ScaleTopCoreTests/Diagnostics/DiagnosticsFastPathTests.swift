import Foundation
@testable import ScaleTopCore
@testable import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// The diagnostics' fast paths give what the plain definitions give.
@Suite struct DiagnosticsFastPathTests {
    /// Spikes by the definition: every point against the smoothed curve interpolated at its x.
    func referenceSpikes(_ series: CurveSeries, _ curve: SmoothedCurve, _ options: DiagnosticsOptions) -> [LossSpike] {
        let threshold = max(log1p(options.spikeFraction), 6 * curve.noise)
        var spikes: [LossSpike] = []
        var current: LossSpike?
        var normalRun = 0, lastUsable = -1
        for i in 0..<series.count {
            let x = series.x[i], l = series.loss[i]
            guard x.isFinite, x > 0, l.isFinite, l > 0, let base = curve.value(atLogX: log(x)) else { continue }
            lastUsable = i
            let excess = log(l) - base.logLoss
            if excess > threshold {
                if current == nil { current = LossSpike(firstIndex: i, lastIndex: i, peakRatio: exp(excess), recovered: false) }
                current!.lastIndex = i
                current!.peakRatio = max(current!.peakRatio, exp(excess))
                normalRun = 0
            } else if current != nil {
                normalRun += 1
                if normalRun > 2 {
                    current!.recovered = true
                    spikes.append(current!)
                    current = nil
                }
            }
        }
        if var open = current {
            open.recovered = open.lastIndex < lastUsable
            spikes.append(open)
        }
        return spikes
    }

    @Test func spikesAreThoseOfTheDefinition() {
        var rng = TestRandom(seed: 21)
        var found = 0
        for trial in 0..<200 {
            let n = 50 + Int(rng.nextUnitInterval() * 2000)
            var x: [Double] = [], loss: [Double] = []
            var spikeLeft = 0
            for i in 0..<n {
                x.append(Double(i + 1) * (trial % 2 == 0 ? 1000 : 1))
                if spikeLeft == 0, rng.nextUnitInterval() < 0.01 { spikeLeft = 1 + Int(rng.nextUnitInterval() * 6) }
                let factor = spikeLeft > 0 ? 1.2 + 3 * rng.nextUnitInterval() : 1
                if spikeLeft > 0 { spikeLeft -= 1 }
                let value = (2 + 8 / Double(i + 1).squareRoot()) * exp(0.02 * (rng.nextUnitInterval() - 0.5)) * factor
                loss.append(rng.nextUnitInterval() < 0.005 ? .nan : value)
            }
            let series = CurveSeries(axis: .steps, x: x, loss: loss)
            let options = DiagnosticsOptions()
            let curve = RobustSmoother(options: options).smooth(series)
            let fast = LossSpikeDetector.spikes(in: series, curve: curve, options: options)
            let ref = referenceSpikes(series, curve, options)
            #expect(fast == ref, "trial \(trial)")
            found += fast.count
        }
        #expect(found > 100)
    }

    @Test func quickselectFindsTheOrderStatistics() {
        var rng = TestRandom(seed: 22)
        for _ in 0..<500 {
            let n = 1 + Int(rng.nextUnitInterval() * 300)
            // Ties too: values on a coarse grid half the time.
            let coarse = rng.nextUnitInterval() < 0.5
            let values = (0..<n).map { _ in coarse ? (rng.nextUnitInterval() * 10).rounded() : rng.nextUnitInterval() }
            let sorted = values.sorted()
            let k = Int(rng.nextUnitInterval() * Double(n))
            var copy = values
            #expect(copy.withUnsafeMutableBufferPointer { Quickselect.select($0, count: n, k: k) } == sorted[k])
            copy = values
            let median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
            #expect(copy.withUnsafeMutableBufferPointer { Quickselect.median($0, count: n) } == median)
        }
    }
}
