import Testing
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
        var rng = SystemRandomNumberGenerator()
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

    @Test func ignoresPointsThatCannotSitOnLogAxes() {
        var envelope = ComputeEnvelope()
        let offers = [(1e15, Double.nan), (1e15, 0), (0, 2), (1e15, 2)].map { flops, loss in
            envelope.offer(.init(flops: flops, loss: loss, run: 0, tokens: .nan, step: .nan))
        }
        #expect(offers == [false, false, false, true])
        #expect(envelope.count == 1)
    }
}
