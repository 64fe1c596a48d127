import Foundation
import Testing
import ScaleTopTestSupport
@testable import ScaleTopCore

@Suite struct ComputeEnvelopeTests {
    /// A brute-force reading of the definition, for comparison.
    func naive(_ points: [(Double, Double)]) -> [(Double, Double)] {
        var kept: [(Double, Double)] = []
        for (k, p) in points.enumerated() {
            let dominated = points.enumerated().contains { j, q in
                j != k && q.0 <= p.0 && q.1 <= p.1 && (q.0 < p.0 || q.1 < p.1 || j < k)
            }
            if !dominated { kept.append(p) }
        }
        return kept.sorted { $0.0 < $1.0 }
    }

    @Test func matchesTheDefinitionOnRandomPoints() {
        var rng = TestRandom(seed: 102)
        for trial in 0..<50 {
            var points: [(Double, Double)] = []
            for _ in 0..<300 {
                // Coarse values so that ties in compute and in loss occur.
                let flops = Double(Int.random(in: 1...60, using: &rng)) * 1e15
                let loss = Double(Int.random(in: 1...80, using: &rng)) / 10
                points.append((flops, loss))
            }
            var envelope = ComputeEnvelope()
            for p in points { envelope.offer(.init(flops: p.0, loss: p.1, run: 0, tokens: .nan, step: .nan)) }
            let expected = naive(points)
            #expect(envelope.entries.map(\.flops) == expected.map(\.0), "trial \(trial)")
            #expect(envelope.entries.map(\.loss) == expected.map(\.1), "trial \(trial)")
        }
    }

    /// A hint only says where to look first: runs whose points climb in compute (the usual
    /// case, where the hint is right), and hints that are stale or out of range, give the
    /// frontier of the definition and the same answers as no hint.
    @Test func anyHintGivesTheFrontierOfTheDefinition() {
        var rng = TestRandom(seed: 103)
        for trial in 0..<50 {
            var points: [(Double, Double, run: Int)] = []
            for run in 0..<6 {
                var flops = Double(Int.random(in: 1...20, using: &rng))
                for _ in 0..<60 {
                    flops += Double(Int.random(in: 0...3, using: &rng))
                    points.append((flops * 1e15, Double(Int.random(in: 1...80, using: &rng)) / 10, run))
                }
            }
            points.shuffle(using: &rng)
            // Each run's points in order of compute, the runs interleaved.
            var perRun = [[(Double, Double)]](repeating: [], count: 6)
            for p in points { perRun[p.run].append((p.0, p.1)) }
            for r in perRun.indices { perRun[r].sort { $0.0 < $1.0 } }
            var order: [(Double, Double, run: Int)] = []
            var next = [Int](repeating: 0, count: 6)
            while order.count < points.count {
                let r = Int.random(in: 0..<6, using: &rng)
                guard next[r] < perRun[r].count else { continue }
                order.append((perRun[r][next[r]].0, perRun[r][next[r]].1, r))
                next[r] += 1
            }
            var plain = ComputeEnvelope(), hinted = ComputeEnvelope(), wild = ComputeEnvelope()
            var hints = [Int](repeating: 0, count: 6)
            for p in order {
                let entry = ComputeEnvelope.Entry(flops: p.0, loss: p.1, run: p.run, tokens: .nan, step: .nan)
                let expected = plain.offer(entry)
                #expect(hinted.offer(entry, hint: &hints[p.run]) == expected)
                var wildHint = Int.random(in: -3...(wild.count + 3), using: &rng)
                #expect(wild.offer(entry, hint: &wildHint) == expected)
            }
            let expected = naive(order.map { ($0.0, $0.1) })
            for envelope in [plain, hinted, wild] {
                #expect(envelope.entries.map(\.flops) == expected.map(\.0), "trial \(trial)")
                #expect(envelope.entries.map(\.loss) == expected.map(\.1), "trial \(trial)")
            }
        }
    }

    /// `--envelope-bins K`: at most K entries, each the frontier's own and the lowest loss of
    /// its log-spaced bin, in order; the frontier's last entry kept; no change when K is not
    /// smaller than the frontier.
    @Test func binningKeepsEachBinsLowestLoss() {
        var envelope = ComputeEnvelope()
        var rng = TestRandom(seed: 104)
        for _ in 0..<20_000 {
            let flops = pow(10, Double.random(in: 15...21, using: &rng))
            let loss = 1.7 + 1e3 * pow(flops, -0.15) * Double.random(in: 1...1.3, using: &rng)
            // Finite tokens and steps, so that entries compare equal to themselves.
            envelope.offer(.init(flops: flops, loss: loss, run: 0, tokens: flops / 6e8, step: 1))
        }
        let entries = envelope.entries
        #expect(entries.count > 200)
        let bins = 50
        let binned = envelope.binned(bins)
        #expect(binned.count <= bins && binned.count > bins / 2)
        #expect(binned.last == entries.last)
        #expect(zip(binned, binned.dropFirst()).allSatisfy { $0.flops < $1.flops && $0.loss > $1.loss })
        let lo = log(entries[0].flops), width = (log(entries[entries.count - 1].flops) - lo) / Double(bins)
        func bin(_ e: ComputeEnvelope.Entry) -> Int { min(bins - 1, Int((log(e.flops) - lo) / width)) }
        for kept in binned {
            #expect(entries.contains(kept))
            let lowest = entries.filter { bin($0) == bin(kept) }.map(\.loss).min()
            #expect(kept.loss == lowest)
        }
        #expect(Set(binned.map(bin)).count == binned.count)
        #expect(envelope.binned(entries.count) == entries)
    }

    @Test func ignoresPointsThatCannotSitOnLogAxes() {
        var envelope = ComputeEnvelope()
        let offers = [(1e15, Double.nan), (1e15, 0), (0, 2), (1e15, 2)].map { flops, loss in
            envelope.offer(.init(flops: flops, loss: loss, run: 0, tokens: .nan, step: .nan))
        }
        #expect(offers == [false, false, false, true])
        #expect(envelope.count == 1)
    }
}
