import Foundation
import ScaleTopCore

/// `swift run -c release scaletop-bench <name> [options]`: each benchmark prints our figure
/// beside a peer's measured in the same run on the same input, because absolute times on a
/// shared machine are noisy and only the ratio is stable.
@main
enum BenchMain {
    static func main() {
        do {
            try dispatch()
        } catch {
            FileHandle.standardError.write(Data("scaletop-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    static func dispatch() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let name = arguments.isEmpty ? "help" : arguments.removeFirst()
        switch name {
        case "ingest":
            try IngestBenchmark(arguments: arguments).run()
        case "formats":
            try FormatsBenchmark(arguments: arguments).run()
        case "fit":
            try FitBenchmark(arguments: arguments).run()
        case "render":
            try RenderBenchmark(arguments: arguments).run()
        case "live":
            try LiveBenchmark(arguments: arguments).run()
        case "memory":
            try MemoryBenchmark(arguments: arguments).run()
        case "append":
            try AppendBenchmark(arguments: arguments).run()
        case "append-writer":
            try AppendWriter.run(arguments: arguments)
        default:
            print("""
                usage: scaletop-bench ingest [--size MB] [--files N] [--dir PATH] [--repeat K]
                       scaletop-bench formats [--data PATH] [--copies N] [--dir PATH] [--repeat K] [--steps N] [--python PATH]
                       scaletop-bench fit [--chinchilla PATH] [--repeat K]
                       scaletop-bench render [--repeat K]
                       scaletop-bench live [--size MB] [--runs N] [--dir PATH] [--idle S]
                       scaletop-bench live --trickle yes [--runs N] [--backlog POINTS] [--seconds S]
                       scaletop-bench memory [--sizes MB,MB,...] [--runs N] [--dir PATH] [--many-files N]
                       scaletop-bench append [--files N,N] [--seconds S] [--write KB] [--rate LINES/S] [--max-mb MB]
                                             [--interval S] [--dir PATH] [--peer no] [--line-writes no]
                  ingest   parse typical JSONL (8 keys a line) into a sweep; peers: Python orjson, jq
                  formats  a long tensorboardX-layout event file and metrics.csv, and copies of the TensorBoard and W&B
                           fixtures, read into a sweep; peers: TensorBoard's EventFileLoader, pandas.read_csv
                  fit      envelope fit (full, warm, band) at 1k/10k points; parametric fit; peer: SciPy L-BFGS-B
                  render   a full 120x40 frame of 200 runs, the diff of a small change, diagnosis of 200 runs
                  memory   peak RSS of report --json as the logs grow (256 MB, 1 GB, ...): it should stay flat;
                           --many-files N: time and peak RSS on N one-line logs instead
                  append   a writer appends typical lines to N files as fast as it can; report --follow keeps up? peer: tail -F | wc -l
                  live     the live view in tmux: first frame, idle CPU, bytes per idle frame; append → follow delay; peer: tail -F
                           --trickle yes: N runs each appending a line a second: CPU of the view and of report --follow, by stage; peer: tail -F
                """)
        }
    }
}
