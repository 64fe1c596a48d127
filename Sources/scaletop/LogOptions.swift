import ArgumentParser
import ScaleTopCore

/// How to read logs: the options every command that reads them shares.
struct LogOptions: ParsableArguments {
    @Argument(help: "Log files, directories (read recursively), globs, or - for standard input.")
    var paths: [String] = []

    @Option(name: .customLong("loss-key"), help: "Read only this key as the loss (nested keys as a/b).")
    var lossKey: String?

    @Option(name: .customLong("params"), help: ArgumentHelp("Parameter count of a run, as NAME=N (repeatable).", valueName: "NAME=N"))
    var params: [String] = []

    @Option(name: .customLong("tokens-per-step"), help: "Tokens per optimizer step, for runs that log steps only.")
    var tokensPerStep: Double?

    @Option(name: .customLong("target"), help: "Target compute in FLOPs (e.g. 1e24) for the extrapolation.")
    var target: Double?

    @Option(name: .customLong("skip"), help: "Warm-up left out of the envelope fit: this fraction of each run's (planned) tokens.")
    var skip: Double = 0.1

    @Flag(name: .customLong("poll"), help: "Poll files with stat instead of inotify (network file systems are polled anyway).")
    var poll = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one log file, directory, glob or -") }
        for entry in params where parseParams(entry) == nil {
            throw ValidationError("--params wants NAME=N (e.g. d12=1.24e8), got '\(entry)'")
        }
        if let target, !(target.isFinite && target > 0) { throw ValidationError("--target must be a positive number of FLOPs") }
        if !(skip >= 0 && skip < 1) { throw ValidationError("--skip must be in [0, 1)") }
        if let tokensPerStep, !(tokensPerStep.isFinite && tokensPerStep > 0) {
            throw ValidationError("--tokens-per-step must be positive")
        }
    }

    private func parseParams(_ entry: String) -> (String, Double)? {
        guard let eq = entry.lastIndex(of: "=") else { return nil }
        let name = String(entry[..<eq])
        guard !name.isEmpty, let value = Double(entry[entry.index(after: eq)...]), value.isFinite, value > 0 else { return nil }
        return (name, value)
    }

    /// Resolves the paths, or prints why not and exits 2.
    func roots() throws -> [WatchRoot] {
        do {
            return try LogPaths.resolve(paths)
        } catch {
            StandardStreams.error("scaletop: \(error)")
            throw ExitCode(2)
        }
    }

    var analysisOptions: SweepAnalysisOptions {
        var options = SweepAnalysisOptions(targetFlops: target)
        options.warmupFraction = skip
        return options
    }

    func configuration(oneShot: Bool) -> SweepReader.Configuration {
        var configuration = SweepReader.Configuration()
        configuration.lossKey = lossKey
        configuration.tokensPerStep = tokensPerStep
        for entry in params {
            if let (name, value) = parseParams(entry) { configuration.params[name] = value }
        }
        configuration.tailer.forcePolling = poll
        configuration.tailer.oneShot = oneShot
        return configuration
    }
}
