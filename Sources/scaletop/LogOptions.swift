import ArgumentParser
import ScaleTopCore

/// How to read logs: the options every command that reads them shares.
struct LogOptions: ParsableArguments {
    @Argument(help: "Log files, directories (read recursively), globs, - for standard input, or any of these on another host as host:path or ssh://[user@]host[:port]/path; NAME=PATH puts PATH's runs in group NAME (compared with the first group).")
    var paths: [String] = []

    @Option(name: .customLong("baseline"), help: ArgumentHelp("The group the others are compared with (default: the first).", valueName: "NAME"))
    var baseline: String?

    @Option(name: .customLong("loss-key"), help: "Read only this key as the loss (nested keys as a/b).")
    var lossKey: String?

    @Option(name: .customLong("params"), help: ArgumentHelp(
        "Parameter count of a run, as NAME=N; NAME may be a glob over run names (d*=1.2e8), N may read 124M (repeatable).",
        valueName: "NAME=N"))
    var params: [String] = []

    @Option(name: .customLong("tokens-per-step"), help: ArgumentHelp(
        "Tokens per optimizer step: N for every run that does not log it, or NAME=N for the runs NAME (a glob) names (repeatable).",
        valueName: "[NAME=]N"))
    var tokensPerStep: [String] = []

    @Option(name: .customLong("target"), help: "Target compute in FLOPs (e.g. 1e24) for the extrapolation.")
    var target: Double?

    @Option(name: .customLong("skip"), help: "Warm-up left out of the envelope fit: this fraction of each run's (planned) tokens.")
    var skip: Double = 0.1

    @Option(name: .customLong("drop-highest"), help: ArgumentHelp(
        "Leave the K final points of highest loss out of the parametric fit L(N, D) (Epoch dropped 5 on the Chinchilla data).",
        valueName: "K"))
    var dropHighest = 0

    @Flag(name: .customLong("poll"), help: "Poll files with stat instead of inotify (network file systems are polled anyway).")
    var poll = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one log file, directory, glob or -") }
        for entry in params where Self.parseNamed(entry) == nil {
            throw ValidationError("--params wants NAME=N (e.g. d12=1.24e8 or 'd*=124M'), got '\(entry)'")
        }
        for entry in tokensPerStep where Self.parseNamed(entry) == nil && Self.parseCount(entry) == nil {
            throw ValidationError("--tokens-per-step wants N or NAME=N with N positive (e.g. 524288 or 'd12=0.5M'), got '\(entry)'")
        }
        if let target, !(target.isFinite && target > 0) { throw ValidationError("--target must be a positive number of FLOPs") }
        if !(skip >= 0 && skip < 1) { throw ValidationError("--skip must be in [0, 1)") }
        if dropHighest < 0 { throw ValidationError("--drop-highest must be 0 or more") }
    }

    /// NAME=N, N a positive count (suffixes as in logs: 124M, 1.3B).
    static func parseNamed(_ entry: String) -> (String, Double)? {
        guard let eq = entry.lastIndex(of: "=") else { return nil }
        let name = String(entry[..<eq])
        guard !name.isEmpty, let value = parseCount(String(entry[entry.index(after: eq)...])) else { return nil }
        return (name, value)
    }

    static func parseCount(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        let value = bytes.withUnsafeBufferPointer { DecimalParser.parseCountText($0.baseAddress!, 0, $0.count) }
        guard let value, value.isFinite, value > 0 else { return nil }
        return value
    }

    /// Resolves the paths, or prints why not and exits 2.
    func roots() throws -> [WatchRoot] {
        do {
            return try LogPaths.resolve(paths.map { GroupedPathArgument.split($0).path })
        } catch {
            StandardStreams.error("scaletop: \(error)")
            throw ExitCode(2)
        }
    }

    /// After a one-shot read: a remote host that could not be reached, or a remote path that
    /// names nothing, exits 2 saying why (as a local path that does not exist does).
    func checkRemoteReads(_ reader: SweepReader) throws {
        let failures = reader.tailer.remoteFailures
        guard !failures.isEmpty else { return }
        for failure in failures { StandardStreams.error("scaletop: \(TextSanitizer.clean(failure))") }
        throw ExitCode(2)
    }

    var analysisOptions: SweepAnalysisOptions {
        var options = SweepAnalysisOptions(targetFlops: target)
        options.warmupFraction = skip
        options.dropHighest = dropHighest
        options.baselineGroup = baseline
        return options
    }

    func configuration(oneShot: Bool) -> SweepReader.Configuration {
        var configuration = SweepReader.Configuration()
        configuration.lossKey = lossKey
        for entry in params {
            if let (name, value) = Self.parseNamed(entry) {
                configuration.overrides.append(.init(option: "--params \(entry)", pattern: name, meta: RunMeta(params: value)))
            }
        }
        for entry in tokensPerStep {
            if let (name, value) = Self.parseNamed(entry) {
                configuration.overrides.append(.init(option: "--tokens-per-step \(entry)", pattern: name, meta: RunMeta(tokensPerStep: value)))
            } else if let value = Self.parseCount(entry) {
                configuration.tokensPerStep = value
            }
        }
        for argument in paths {
            let (group, path) = GroupedPathArgument.split(argument)
            if let group, let root = (try? LogPaths.resolve([path]))?.first {
                configuration.groupedRoots.append(GroupedRoot(group: group, root: root))
            }
        }
        configuration.tailer.forcePolling = poll
        configuration.tailer.oneShot = oneShot
        return configuration
    }
}
