import ArgumentParser
import Foundation
import ScaleTopCore

/// `swift run -c release scaletop-bench <name> [options]`: each benchmark prints our figure
/// beside a peer's measured in the same run on the same input, because absolute times on a
/// shared machine are noisy and only the ratio is stable.
@main
struct ScaleTopBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaletop-bench",
        abstract: "Benchmarks that print scaletop's figure beside a peer's, measured in the same run.",
        subcommands: [
            IngestCommand.self, FormatsCommand.self, FitCommand.self, RenderCommand.self,
            LiveCommand.self, MemoryCommand.self, AppendCommand.self, AppendWriterCommand.self, RemoteCommand.self,
        ])
}

/// `yes` or `no`, as the benches' switches are written (`--peers no`).
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no
}

/// A comma-separated list of positive whole numbers (`--files 1,16`, `--sizes 256,1024`).
struct NumberList: ExpressibleByArgument {
    var values: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        values = parts.compactMap { $0 }
    }
}

struct RemoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote",
        abstract: "JSONL read through ssh from a private sshd on loopback; peer: ssh host cat FILE. Then --follow's delay and the reconnect after the host comes back.")
    @Option(help: "Megabytes of the log read through ssh.") var size = 1000
    @Option(help: "Where the log is written.") var dir = "/tmp/scaletop-bench-remote"
    @Option(name: .customLong("repeat"), help: "Runs of each read (the best counts).") var repeats = 2

    func run() throws {
        try RemoteBenchmark(megabytes: size, directory: dir, repeats: repeats).run()
    }
}

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Parse typical JSONL (8 keys a line) into a sweep; peers: Python orjson, jq.")
    @Option(help: "Megabytes of logs.") var size = 256
    @Option(help: "Files the logs are spread over.") var files = 16
    @Option(help: "Where the logs are written.") var dir = "/tmp/scaletop-bench-ingest"
    @Option(name: .customLong("repeat"), help: "Runs of each case (the best counts).") var repeats = 3
    @Option(help: "no: ours only, without stages or peers (for profiling).") var peers = YesNo.yes

    func run() throws {
        try IngestBenchmark(megabytes: size, files: files, directory: dir, repeats: repeats, oursOnly: peers == .no).run()
    }
}

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats", abstract: "A long tensorboardX-layout event file and metrics.csv, and copies of the TensorBoard and W&B fixtures, read into a sweep; peers: EventFileLoader, pandas.read_csv.")
    @Option(help: "The shared data folder.") var data = "../shared/data"
    @Option(help: "Where the copies are written.") var dir = "/tmp/scaletop-bench-formats"
    @Option(help: "Copies of each fixture.") var copies = 200
    @Option(name: .customLong("repeat"), help: "Runs of each case (the best counts).") var repeats = 3
    @Option(help: "Steps of the long TensorBoard and CSV files.") var steps = 200_000
    @Option(help: "The Python with the peers (tensorboard, pandas); default $SCALETOP_BENCH_PYTHON or python3.")
    var python = ProcessInfo.processInfo.environment["SCALETOP_BENCH_PYTHON"] ?? "python3"

    func run() throws {
        try FormatsBenchmark(data: data, directory: dir, copies: copies, repeats: repeats, steps: steps, python: python).run()
    }
}

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "Envelope fit (full, warm, band) at 1k/10k points; parametric fit; peer: SciPy L-BFGS-B.")
    @Option(help: "Chinchilla's final points (JSONL).") var chinchilla = "../shared/data/chinchilla-epoch/results.jsonl"
    @Option(name: .customLong("repeat"), help: "Runs of each case (the best counts).") var repeats = 3
    @Flag(help: "Only the two-group sweep's analysis.") var groupsOnly = false

    func run() throws {
        let bench = FitBenchmark(chinchilla: chinchilla, repeats: repeats)
        if groupsOnly { return try bench.groups() }
        try bench.run()
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "A full 120x40 frame of 200 runs, the diff of a small change, diagnosis of 200 runs.")
    @Option(name: .customLong("repeat"), help: "Runs of each case (the best counts).") var repeats = 20

    func run() {
        RenderBenchmark(repeats: repeats).run()
    }
}

struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "The live view in tmux: first frame, idle CPU, bytes per idle frame; append → follow delay; peer: tail -F.",
        discussion: "--trickle yes: N runs each appending a line a second: CPU of the view and of report --follow, by stage; peer: tail -F.")
    @Option(help: "Megabytes of logs.") var size = 256
    @Option(help: "Runs.") var runs = 200
    @Option(help: "Where the logs are written.") var dir = "/tmp/scaletop-bench-live"
    @Option(help: "Seconds of idle to measure.") var idle = 30
    @Option(help: "yes: only the steady state of runs growing a line a second.") var trickle = YesNo.no
    @Option(help: "With --trickle: seconds of trickle.") var seconds = TrickleBenchmark().seconds
    @Option(help: "With --trickle: points each run holds before the trickle.") var backlog = TrickleBenchmark().backlog

    func run() throws {
        var benchmark = LiveBenchmark(megabytes: size, runs: runs, directory: dir, idleSeconds: idle)
        if trickle == .yes {
            var steady = TrickleBenchmark()
            steady.runs = runs
            steady.seconds = seconds
            steady.backlog = backlog
            benchmark.trickle = steady
        }
        try benchmark.run()
    }
}

struct MemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Peak RSS of report --json as the logs grow (256 MB, 1 GB, ...): it should stay flat.",
        discussion: "--many-files N: time and peak RSS on N one-line logs instead.")
    @Option(help: "Sizes of logs in MB, comma-separated.") var sizes = NumberList(argument: "256,1024")!
    @Option(help: "Runs.") var runs = 200
    @Option(help: "Where the logs are written.") var dir = "/tmp/scaletop-bench-memory"
    @Option(name: .customLong("many-files"), help: "N one-line logs in one folder instead (0: off).") var manyFiles = 0

    func run() throws {
        try MemoryBenchmark(sizes: sizes.values, runs: runs, directory: dir, manyFiles: manyFiles).run()
    }
}

struct AppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "A writer appends typical lines to N files; report --follow keeps up? peer: tail -F | wc -l.")
    @Option(help: "File counts to run, comma-separated.") var files = NumberList(argument: "1,16")!
    @Option(help: "Seconds of writing.") var seconds = 10.0
    @Option(help: "KB per write.") var write = 64
    @Option(help: "Lines a second the writer is paced at (0: as fast as it can).") var rate = 1e6
    @Option(name: .customLong("max-mb"), help: "MB written at most.") var maxMB = 4096
    @Option(help: "report --follow's --interval.") var interval = "0.05"
    @Option(help: "Where the logs are written.") var dir = "/tmp/scaletop-bench-append"
    @Option(help: "no: without tail -F beside it.") var peer = YesNo.yes
    @Option(name: .customLong("line-writes"), help: "no: without the case of a line per write.") var lineWrites = YesNo.yes

    func validate() throws {
        guard seconds > 0 else { throw ValidationError("--seconds must be above 0") }
        guard write > 0 else { throw ValidationError("--write must be above 0") }
        guard rate >= 0 else { throw ValidationError("--rate must be 0 or more") }
        guard let value = Double(interval), value >= 0 else { throw ValidationError("--interval takes seconds, such as 0.05") }
    }

    func run() throws {
        try AppendBenchmark(
            fileCounts: files.values, seconds: seconds, writeKB: write, rate: rate, maxMB: maxMB, interval: interval,
            directory: dir, peer: peer == .yes, lineWrites: lineWrites == .yes
        ).run()
    }
}

/// The append benchmark's writer, run as a child process (not in the usage text).
struct AppendWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "append-writer", shouldDisplay: false)
    @Argument var directory: String
    @Argument var files: Int
    @Argument var seconds: Double
    @Argument var linesPerWrite: Int
    @Argument var rate: Double
    @Argument var maxBytes: Int

    func validate() throws {
        guard files > 0, linesPerWrite > 0 else { throw ValidationError("FILES and LINES_PER_WRITE must be above 0") }
    }

    func run() throws {
        try AppendWriter.run(directory: directory, files: files, seconds: seconds, linesPerWrite: linesPerWrite, rate: rate, maxBytes: maxBytes)
    }
}
