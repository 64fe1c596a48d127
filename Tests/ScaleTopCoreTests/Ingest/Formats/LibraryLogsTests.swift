import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// Logs as training libraries write them: one loss series per run, every point checked.
@Suite struct LibraryLogsTests {
    func steps(_ series: LossSeries?) -> [Double] { series.map { Array($0.curve.step) } ?? [] }
    func losses(_ series: LossSeries?) -> [Double] { series.map { Array($0.curve.loss) } ?? [] }

    @Test func trainerStateKeepsEvalEntriesAndTheSummaryOffTheTrainingCurve() throws {
        let dir = try TemporaryDirectory()
        let train = [10.9, 10.2, 9.6, 9.1, 8.7, 8.4]
        let eval = [9.8, 9.0, 8.6]
        try dir.write("out/trainer_state.json", LibraryLogs.trainerState(trainLosses: train, evalLosses: eval, finished: true))
        let sweep = try FormatReading.read(dir.path)
        let run = try #require(sweep.run(named: "out"))
        #expect(run.lossKey == "loss")
        #expect(losses(run.series) == train)
        #expect(steps(run.series) == [10, 20, 30, 40, 50, 60])
        #expect(losses(run.series(forKey: "eval_loss")) == eval)
        #expect(steps(run.series(forKey: "eval_loss")) == [20, 40, 60])
        // The summary's train_loss (the mean over the run) is no point of any series.
        #expect(run.lossKeys == ["loss", "eval_loss"])
        #expect(run.last?.loss == 8.4)
        #expect(run.meta.totalSteps == 60)
        #expect(sweep.lineCounts.bad == 0)
    }

    @Test func lightningValidationRowsNeverJoinTheTrainingCurve() throws {
        let dir = try TemporaryDirectory()
        try dir.write("lightning_logs/version_0/metrics.csv", LibraryLogs.lightningMetrics)
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        configuration.params = ["version_0": 1e8]
        configuration.tokensPerStep = 1000
        let reader = SweepReader(roots: try LogPaths.resolve([dir.path + "/lightning_logs"]), configuration: configuration)
        reader.poll(now: 1)
        let run = try #require(reader.sweep.run(named: "version_0"))
        // The sanity check's val_loss came first; train_loss took over when it appeared.
        #expect(run.lossKey == "train_loss")
        #expect(losses(run.series) == LibraryLogs.lightningTrainLosses)
        #expect(steps(run.series) == LibraryLogs.lightningTrainSteps)
        #expect(losses(run.series(forKey: "val_loss")) == LibraryLogs.lightningValLosses)
        #expect(steps(run.series(forKey: "val_loss")) == LibraryLogs.lightningValSteps)
        #expect(run.best?.loss == 6.31)
        #expect(run.usablePoints == 4)
        // The envelope holds training points only: the sanity check's 10.95 at step 0 had
        // no compute, but the val_loss 7.7 at step 99 would sit below nothing else there.
        let envelope = reader.sweep.envelope.entries
        #expect(envelope.map(\.loss) == [8.91, 7.62, 6.8, 6.31])
        #expect(envelope.map(\.flops) == LibraryLogs.lightningTrainSteps.map { 6 * 1e8 * ($0 * 1000) })
    }

    @Test func nanoGPTLinesGiveTheTrainingLossAndKeepTheEvaluations() throws {
        let dir = try TemporaryDirectory()
        try dir.write("gpt2/log.jsonl", LibraryLogs.nanoGPT)
        let sweep = try FormatReading.read(dir.path + "/gpt2/log.jsonl")
        let run = try #require(sweep.run(named: "log"))
        #expect(run.lossKey == "loss")
        #expect(losses(run.series) == [10.9951, 6.2301, 5.1124, 4.7133, 4.4519, 4.3561])
        #expect(steps(run.series) == [0, 100, 200, 300, 400, 500])
        #expect(losses(run.series(forKey: "train/loss")) == [10.9812, 4.9801, 4.3307])
        #expect(losses(run.series(forKey: "val/loss")) == [10.9855, 5.0412, 4.4020])
        #expect(steps(run.series(forKey: "val/loss")) == [0, 250, 500])
        // max_iters under config/, the parameter count written "124M".
        #expect(run.meta.params == 124e6)
        #expect(run.meta.totalSteps == 500)
        #expect(run.meta.tokensPerStep == 491_520)
        #expect(run.meta.plannedFlops == 6 * 124e6 * 500 * 491_520)
        #expect(run.flops(of: run.curve[1]) == 6 * 124e6 * (100 * 491_520))
    }

    @Test func nanochatNamesAreRead() throws {
        let dir = try TemporaryDirectory()
        try dir.write("base.jsonl", LibraryLogs.nanochat)
        let sweep = try FormatReading.read(dir.path)
        let run = try #require(sweep.run(named: "d20"))
        #expect(run.lossKey == "train/loss")
        #expect(losses(run.series) == [4.1203, 3.5122, 3.2871, 3.1404])
        #expect(steps(run.series) == [100, 200, 300, 400])
        #expect(run.otherSeries.isEmpty)
        #expect(run.meta.params == 5.61e8)
        #expect(run.meta.totalSteps == 400)
        #expect(run.meta.tokensPerStep == 524_288)
        #expect(run.meta.plannedTokens == 400.0 * 524_288)
        #expect(sweep.envelope.entries.map(\.loss) == [4.1203, 3.5122, 3.2871, 3.1404])
    }

    @Test(arguments: [
        (#"{"params": "124M"}"#, 124e6), (#"{"params": "1.3B"}"#, 1.3e9), (#"{"n_params": "350k"}"#, 350e3),
        (#"{"params": " 2T "}"#, 2e12), (#"{"params": "124m"}"#, 124e6), (#"{"params": "7e9"}"#, 7e9),
        (#"{"model": {"params": "1.5b"}}"#, 1.5e9), (#"{"config/num_params": 42}"#, 42),
    ])
    func countsWithSuffixes(line: String, params: Double) {
        var scanner = LineScanner()
        let outcome = line.utf8.withContiguousStorageIfAvailable { scanner.scan(UnsafeRawBufferPointer($0)) }
        #expect(outcome == .record)
        #expect(scanner.record[.params] == params)
    }

    @Test func suffixesAreForCountsOnly() {
        var scanner = LineScanner()
        for line in [#"{"params": "12X"}"#, #"{"params": "M"}"#, #"{"loss": "2M"}"#, #"{"params": "1.2.3M"}"#] {
            _ = line.utf8.withContiguousStorageIfAvailable { scanner.scan(UnsafeRawBufferPointer($0)) }
            #expect(scanner.record[.params] == nil, "\(line)")
            #expect(scanner.record[.loss] == nil, "\(line)")
        }
    }

    @Test func theBareKeyWinsOverItsPrefixedForm() {
        var scanner = LineScanner()
        let line = #"{"config": {"n_params": 1e8}, "params": 2e8}"#
        _ = line.utf8.withContiguousStorageIfAvailable { scanner.scan(UnsafeRawBufferPointer($0)) }
        #expect(scanner.record[.params] == 2e8)
    }

    @Test func withALossKeyOnlyThatKeyIsALoss() throws {
        let dir = try TemporaryDirectory()
        try dir.write("gpt2.jsonl", LibraryLogs.nanoGPT)
        let r = try FormatReading.reader([dir.path + "/gpt2.jsonl"], lossKey: "val/loss", oneShot: true)
        r.poll(now: 1)
        let run = try #require(r.sweep.run(named: "gpt2"))
        #expect(run.lossKeys == ["val/loss"])
        #expect(losses(run.series) == [10.9855, 5.0412, 4.4020])
    }

    /// A sweep of `dN/log.jsonl` files without a `run` key: the losses of each.
    static let sweepLosses: [String: [Double]] = ["d12": [6.5, 4.25, 3.75], "d20": [6.25, 4.0, 3.5], "d26": [6.0, 3.75, 3.25]]

    func writeSweep(_ dir: TemporaryDirectory) throws {
        for (name, losses) in Self.sweepLosses {
            let lines = losses.enumerated().map { #"{"step": \#(100 * ($0.offset + 1)), "loss": \#($0.element)}"# }
            try dir.write("g/\(name)/log.jsonl", lines.joined(separator: "\n") + "\n")
        }
    }

    func readRuns(_ arguments: [String]) throws -> [String: [Double]] {
        let r = try FormatReading.reader(arguments, oneShot: true)
        r.poll(now: 1)
        var runs: [String: [Double]] = [:]
        for run in r.sweep.runs {
            runs[run.name] = Array(run.curve.loss)
            #expect(Array(run.curve.step) == [100, 200, 300])
        }
        return runs
    }

    @Test func aQuotedGlobAndTheShellExpandedOneNameRunsByWhatVaries() throws {
        let dir = try TemporaryDirectory()
        try writeSweep(dir)
        #expect(try readRuns([dir.path + "/g/*/log.jsonl"]) == Self.sweepLosses)
        let expanded = Self.sweepLosses.keys.sorted().map { dir.path + "/g/\($0)/log.jsonl" }
        #expect(try readRuns(expanded) == Self.sweepLosses)
        // A wildcard in the file name as well: the shared stem is left out all the same.
        #expect(try readRuns([dir.path + "/g/d*/*.jsonl"]) == Self.sweepLosses)
    }

    @Test func aFileThatMatchesTheGlobLaterIsNamedAlike() throws {
        let dir = try TemporaryDirectory()
        try dir.write("g/d12/log.jsonl", #"{"step": 100, "loss": 6.5}"# + "\n")
        let r = try FormatReading.reader([dir.path + "/g/*/log.jsonl"])
        r.poll(now: 1)
        #expect(r.sweep.runs.map(\.name) == ["d12"])
        try dir.write("g/d20/log.jsonl", #"{"step": 100, "loss": 6.25}"# + "\n")
        r.poll(now: 2)
        #expect(r.sweep.runs.map(\.name) == ["d12", "d20"])
        #expect(FormatReading.losses(r.sweep, "d20") == [6.25])
    }

    @Test func namesLeaveOutWhatEveryFileShares() {
        func names(_ paths: [String]) -> [String] {
            let shared = LogPaths.sharedParts(of: paths.map { LogPaths.namingComponents(of: $0, format: LogFormat.fromName($0) ?? .jsonLines) })
            return paths.map { LogPaths.name(of: $0, format: LogFormat.fromName($0) ?? .jsonLines, leaving: shared) }
        }
        #expect(names(["runs/a.jsonl", "runs/b.jsonl"]) == ["a", "b"])
        #expect(names(["g/a/log.jsonl", "g/b/log.jsonl"]) == ["a", "b"])
        #expect(names(["g/a/train.jsonl", "g/b/val.jsonl"]) == ["a/train", "b/val"])
        #expect(names(["g/log.jsonl", "g/a/log.jsonl"]) == ["log", "a/log"])
        #expect(names(["out/a/checkpoint-5/trainer_state.json", "out/b/trainer_state.json"]) == ["a", "b"])
        #expect(names(["/abs/x/v0/metrics.csv", "/abs/x/v1/metrics.csv"]) == ["v0", "v1"])
        #expect(LogPaths.sharedParts(ofPattern: "g/*/log.jsonl", format: .jsonLines) == .init(leading: 1, trailing: 1))
        #expect(LogPaths.sharedParts(ofPattern: "/r/runs/*.jsonl", format: .jsonLines) == .init(leading: 2, trailing: 0))
    }
}
