import ArgumentParser
import ScaleTopCore
#if canImport(Glibc)
import Glibc
#endif

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read the logs once and print what the live view would show (--json: the scripting contract).",
        discussion: "With --follow, keep watching and print the object again, compacted to one line, each time it changes (at most once per --interval).")

    @OptionGroup var logs: LogOptions

    @OptionGroup var stale: StaleOption

    @Flag(help: "Print the JSON object of report-json.md.")
    var json = false

    @Flag(help: "Keep watching; print again on every change.")
    var follow = false

    @Option(help: "Seconds between printed updates with --follow.")
    var interval: Double = 1

    func validate() throws {
        if !(interval.isFinite && interval > 0) { throw ValidationError("--interval must be positive") }
    }

    func run() throws {
        StandardStreams.ignoreBrokenPipes()
        let roots = try logs.roots()
        if follow {
            try runFollow(roots)
            return
        }
        let reader = SweepReader(roots: roots, configuration: logs.configuration(oneShot: true))
        reader.poll(now: MonotonicClock.now())
        var analyzer = SweepAnalyzer(options: logs.analysisOptions)
        var diagnostics = SweepDiagnostics(options: stale.options)
        // A single read cannot tell how long a file has been quiet: no stale status here.
        StandardStreams.output(render(reader, analyzer: &analyzer, diagnostics: &diagnostics, now: nil, pretty: true) + "\n")
    }

    private func render(_ reader: SweepReader, analyzer: inout SweepAnalyzer, diagnostics: inout SweepDiagnostics, now: Double?, pretty: Bool) -> String {
        let analysis = analyzer.analyze(reader.sweep)
        let diagnoses = diagnostics.diagnose(reader.sweep, fit: analysis.envelopeFit, now: now)
        let report = SweepReport(
            sweep: reader.sweep, targetFlops: logs.target, notices: reader.notices,
            analysis: analysis, analysisOptions: analyzer.options, diagnoses: diagnoses)
        return json ? report.json().serialized(pretty: pretty) : ReportText.render(report)
    }

    private func runFollow(_ roots: [WatchRoot]) throws {
        SignalExit.install()
        let reader = SweepReader(roots: roots, configuration: logs.configuration(oneShot: false))
        var analyzer = SweepAnalyzer(options: logs.analysisOptions)
        var diagnostics = SweepDiagnostics(options: stale.options)
        var lastPrinted = -Double.infinity
        var printedRevision = -1
        while true {
            let now = MonotonicClock.now()
            reader.poll(now: now)
            if reader.sweep.revision != printedRevision && now - lastPrinted >= interval {
                StandardStreams.output(render(reader, analyzer: &analyzer, diagnostics: &diagnostics, now: now, pretty: false) + "\n")
                printedRevision = reader.sweep.revision
                lastPrinted = now
            }
            var wait = reader.tailer.secondsUntilNextCheck(now: MonotonicClock.now())
            // A change seen but not yet printed (rate limit) needs a wake-up at the next slot.
            if reader.sweep.revision != printedRevision { wait = min(wait, max(0, lastPrinted + interval - now)) }
            DescriptorWait.readable(reader.tailer.waitDescriptors, timeout: wait)
        }
    }
}
