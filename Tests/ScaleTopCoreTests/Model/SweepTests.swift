import Testing
@testable import ScaleTopCore

/// Run assignment, run descriptions and the x axis, driven line by line.
@Suite struct SweepTests {
    func ingest(_ lines: [String], into sweep: inout Sweep, source: Int) {
        var scanner = LineScanner()
        for line in lines {
            let outcome = scanner.scan(line)
            sweep.ingest(outcome, scanner.record, source: source)
        }
    }

    @Test func oneFileIsOneRunByDefault() {
        var sweep = Sweep()
        let s = sweep.addSource(path: "runs/a.jsonl", defaultRunName: "a")
        ingest(["{\"params\": 1e8}", "{\"tokens\": 1e9, \"loss\": 3}"], into: &sweep, source: s)
        #expect(sweep.runs.map(\.name) == ["a"])
        #expect(sweep.runs[0].flops(of: sweep.runs[0].last!) == 6e17)
    }

    @Test func runKeyNamesItsLineAndTheLinesAfter() {
        var sweep = Sweep()
        let s = sweep.addSource(path: "mixed.jsonl", defaultRunName: "mixed")
        ingest([
            "{\"loss\": 9}",
            "{\"run\": \"x\", \"params\": 1e7}",
            "{\"step\": 1, \"loss\": 5}",
            "{\"run\": \"y\", \"step\": 1, \"loss\": 4}",
            "{\"step\": 2, \"loss\": 3}",
            "{\"run\": \"x\", \"step\": 2, \"loss\": 2}",
        ], into: &sweep, source: s)
        #expect(sweep.run(named: "mixed")?.usablePoints == 1)
        #expect(sweep.run(named: "x")?.curve.loss.map { $0 } == [5, 2])
        #expect(sweep.run(named: "y")?.curve.loss.map { $0 } == [4, 3])
        #expect(sweep.run(named: "x")?.meta.params == 1e7)
    }

    @Test func tableOfFinalResults() {
        var sweep = Sweep()
        let s = sweep.addSource(path: "table.jsonl", defaultRunName: "table")
        ingest([
            "{\"run\": \"N=44M D=1.2B\", \"params\": 4.4e7, \"tokens\": 1.2e9, \"loss\": 3.31}",
            "{\"run\": \"N=90M D=2.5B\", \"params\": 9.0e7, \"tokens\": 2.5e9, \"loss\": 3.02}",
        ], into: &sweep, source: s)
        #expect(sweep.runs.count == 2)
        #expect(sweep.envelope.entries.map(\.flops) == [6 * 4.4e7 * 1.2e9, 6 * 9.0e7 * 2.5e9])
    }

    @Test func flopsDerivationOrder() {
        var meta = RunMeta(params: 1e8, tokensPerStep: 1000)
        #expect(meta.flops(for: LogPoint(step: 5, tokens: 7, flops: 42, loss: 1)) == 42)
        #expect(meta.flops(for: LogPoint(step: 5, tokens: 7, loss: 1)) == 6 * 1e8 * 7)
        #expect(meta.flops(for: LogPoint(step: 5, loss: 1)) == 6 * 1e8 * 5 * 1000)
        meta.tokensPerStep = nil
        #expect(meta.flops(for: LogPoint(step: 5, loss: 1)) == nil)
        #expect(meta.flopsUnavailableReason(sample: LogPoint(step: 5, loss: 1))?.contains("tokens per step") == true)
        #expect(RunMeta().flopsUnavailableReason(sample: LogPoint(step: 5, loss: 1))?.contains("--params") == true)
    }

    @Test func commandLineBeatsSidecarBeatsLog() {
        var sweep = Sweep(defaultMeta: RunMeta(tokensPerStep: 10), commandLineMeta: RunOverrides([.init(option: "--params a=3e8", pattern: "a", meta: RunMeta(params: 3e8))]))
        let s = sweep.addSource(path: "a.jsonl", defaultRunName: "a")
        sweep.setSidecarMeta(RunMeta(params: 2e8, totalTokens: 5e9), forRun: "a")
        ingest(["{\"params\": 1e8, \"tokens_per_step\": 20, \"step\": 1, \"loss\": 4}"], into: &sweep, source: s)
        let run = sweep.run(named: "a")!
        #expect(run.meta.params == 3e8)
        #expect(run.meta.totalTokens == 5e9)
        #expect(run.meta.tokensPerStep == 20)
        #expect(sweep.envelope.entries.first?.flops == 6 * 3e8 * 20)
    }

    @Test func paramsArrivingLateMoveTheEnvelope() {
        var sweep = Sweep()
        let s = sweep.addSource(path: "a.jsonl", defaultRunName: "a")
        ingest(["{\"tokens\": 100, \"loss\": 4}", "{\"tokens\": 200, \"loss\": 3}"], into: &sweep, source: s)
        #expect(sweep.envelope.count == 0)
        ingest(["{\"params\": 1000}"], into: &sweep, source: s)
        sweep.rebuildEnvelopeIfNeeded()
        #expect(sweep.envelope.entries.map(\.flops) == [600_000, 1_200_000])
    }

    @Test func lossesThatCannotBeDrawnAreCountedNotDrawn() {
        var sweep = Sweep()
        let s = sweep.addSource(path: "a.jsonl", defaultRunName: "a")
        ingest([
            "{\"flops\": 1e15, \"loss\": 3}", "{\"flops\": 2e15, \"loss\": 0}", "{\"flops\": 3e15, \"loss\": -1}",
            "{\"flops\": 4e15, \"loss\": NaN}", "{\"flops\": 5e15, \"loss\": Infinity}",
        ], into: &sweep, source: s)
        let run = sweep.run(named: "a")!
        #expect(run.usablePoints == 1)
        #expect(run.nonPositiveLosses == 2)
        #expect(run.nonFiniteLosses == 2)
        #expect(run.last!.loss == .infinity)
        #expect(run.best!.loss == 3)
        #expect(sweep.envelope.count == 1)
        #expect(RunStatusVerdict.basic(for: run).status == .diverged)
    }
}
