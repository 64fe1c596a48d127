import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// A table of final results (one line per run, no planned end) reads as finished runs, however
/// long ago it was written; a training log that merely has one point so far does not.
@Suite struct ResultsTableStatusTests {
    /// A day after the file was read: a run that was still going would be stale by then.
    static let aDayLater = 86_400.0

    @Test func chinchillaFinalResultsReadFinishedNotStale() throws {
        let sweep = try SweepFixture.sweep([SharedData.data("chinchilla-epoch").path])
        #expect(sweep.runs.count == 245)
        var diagnostics = SweepDiagnostics()
        let verdicts = diagnostics.diagnose(sweep, fit: nil, now: Self.aDayLater).mapValues(\.verdict)
        #expect(verdicts.count == 245)
        let notFinished = verdicts.filter { $0.value.status != .finished }
        #expect(notFinished.isEmpty, "\(notFinished.prefix(3))")
        #expect(verdicts.values.allSatisfy { $0.reason?.contains("one final result per run") == true })
    }

    /// Two runs logged into one file, one of them past its first point: a multi-run training
    /// log, not a table, so its quiet runs are stale.
    @Test func aMultiRunTrainingLogIsNotATable() throws {
        let dir = try TemporaryDirectory()
        try dir.write("runs.jsonl", """
            {"run": "a", "step": 1, "loss": 3.0}
            {"run": "b", "step": 1, "loss": 3.1}
            {"run": "a", "step": 2, "loss": 2.9}

            """)
        let sweep = try SweepFixture.sweep([dir.path])
        var diagnostics = SweepDiagnostics()
        let verdicts = diagnostics.diagnose(sweep, fit: nil, now: Self.aDayLater)
        #expect(verdicts["a"]?.verdict.status == .stale)
        #expect(verdicts["b"]?.verdict.status == .stale)
    }

    /// A run alone in its file with its first point is running; with a planned end and one
    /// point per run, the plan decides, not the table.
    @Test func aFirstPointOrAPlanIsNotAFinalResult() throws {
        let dir = try TemporaryDirectory()
        try dir.write("solo/train.jsonl", "{\"step\": 1, \"loss\": 3.0}\n")
        try dir.write("planned/results.jsonl", """
            {"run": "p", "total_steps": 1000, "step": 10, "loss": 3.0}
            {"run": "q", "total_steps": 1000, "step": 1000, "loss": 2.5}

            """)
        let sweep = try SweepFixture.sweep([dir.path])
        var diagnostics = SweepDiagnostics()
        let verdicts = diagnostics.diagnose(sweep, fit: nil, now: nil)
        let solo = try #require(sweep.runs.first { $0.path.hasSuffix("solo/train.jsonl") })
        #expect(verdicts[solo.name]?.verdict.status == .running)
        #expect(verdicts["p"]?.verdict.status == .running)
        #expect(verdicts["q"]?.verdict.status == .finished)
        #expect(verdicts["q"]?.verdict.reason?.contains("planned end") == true)
    }
}
