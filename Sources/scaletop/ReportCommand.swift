import ArgumentParser
import ScaleTopCore
#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
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

    @Option(name: .customLong("envelope-bins"), help: ArgumentHelp(
        "Reduce the JSON envelope to its lowest loss in each of K log-spaced compute bins (default: every point of it; with --follow this keeps each line short).",
        valueName: "K"))
    var envelopeBins: Int?

    @Option(name: .customLong("on-alert"), help: ArgumentHelp(
        "With --follow: run this shell command when a run becomes plateau or diverged (run and status in $SCALETOP_RUN, $SCALETOP_STATUS, $SCALETOP_REASON, and as $1 $2).",
        valueName: "CMD"))
    var onAlert: String?

    func validate() throws {
        if !(interval.isFinite && interval > 0) { throw ValidationError("--interval must be positive") }
        if let envelopeBins, envelopeBins < 1 { throw ValidationError("--envelope-bins must be at least 1") }
        if onAlert != nil && !follow { throw ValidationError("--on-alert needs --follow (or the live view)") }
    }

    func run() throws {
        StandardStreams.ignoreBrokenPipes()
        let roots = try logs.roots()
        if follow {
            try runFollow(roots)
            return
        }
        let (sweep, notices) = try readOnce(roots)
        var analyzer = SweepAnalyzer(options: logs.analysisOptions)
        var diagnostics = SweepDiagnostics(options: stale.options)
        diagnostics.singleLook = true
        // A single read cannot tell how long a file has been quiet: no stale status here.
        let analysis = analyzer.analyze(sweep)
        let diagnoses = diagnostics.diagnose(sweep, analysis: analysis, now: nil)
        output(sweep, notices: notices, analysis: analysis, analyzer: analyzer, diagnoses: diagnoses, pretty: true)
    }

    /// Reads the logs once: the sweep and the notices, with the reader (its per-file state)
    /// given back before the analysis, which then has that memory to itself.
    private func readOnce(_ roots: [WatchRoot]) throws -> (Sweep, [String]) {
        let reader = SweepReader(roots: roots, configuration: logs.configuration(oneShot: true))
        reader.poll(now: MonotonicClock.now())
        try logs.checkRemoteReads(reader)
        // An override that names no run would silently change nothing: say so, and which runs there are.
        let unmatched = reader.unmatchedOverrides
        if !unmatched.isEmpty {
            for message in unmatched { StandardStreams.error("scaletop: \(TextSanitizer.clean(message))") }
            throw ExitCode(2)
        }
        return (reader.sweep, Self.notices(of: reader))
    }

    /// The reader's notices, and the overrides that match no run once the logs are read.
    private static func notices(of reader: SweepReader) -> [String] {
        reader.notices + (reader.tailer.hasBacklog ? [] : reader.unmatchedOverrides)
    }

    /// Writes the report and a newline to standard output; JSON a piece at a time, as it is made.
    private func output(_ sweep: Sweep, notices: [String], analysis: SweepAnalysis, analyzer: SweepAnalyzer, diagnoses: [String: RunDiagnosis], pretty: Bool,
                        envelopeText: EnvelopeJSONText? = nil) {
        var report = SweepReport(
            sweep: sweep, targetFlops: logs.target, notices: notices,
            analysis: analysis, analysisOptions: analyzer.options, diagnoses: diagnoses)
        report.envelopeBins = envelopeBins
        report.envelopeText = envelopeText
        if json {
            report.write(pretty: pretty) { StandardStreams.output(bytes: $0) }
            StandardStreams.output("\n")
        } else {
            StandardStreams.output(ReportText.render(report) + "\n")
        }
    }

    /// Prints at start, then whenever the logs change or a run's status changes (a run turns
    /// stale with no new line at all), at most once per interval; runs `--on-alert`.
    private func runFollow(_ roots: [WatchRoot]) throws {
        SignalExit.install()
        var configuration = logs.configuration(oneShot: false)
        // A pass reads at most this much, so that a writer faster than one pass cannot keep
        // the output silent: while a backlog is read, a report comes once a second.
        if configuration.tailer.pollByteBudget == nil { configuration.tailer.pollByteBudget = Self.followByteBudget }
        configuration.tailer.backOffWhileQuiet()
        let reader = SweepReader(roots: roots, configuration: configuration)
        var analyzer = SweepAnalyzer(options: logs.analysisOptions)
        var diagnostics = SweepDiagnostics(options: stale.options)
        diagnostics.keepsTrends = true
        var transitions = StatusTransitionTracker()
        var episodeAlerts = EpisodeAlertTracker()
        let alerts = onAlert.map { AlertHook(command: $0, outputPath: "/dev/stderr") { StandardStreams.error("scaletop: \($0)") } }
        var lastPrinted = -Double.infinity
        var printedRevision = -1
        var lastDiagnosed = -Double.infinity
        var analysis = SweepAnalysis()
        var analyzedRevision = -1
        var diagnoses: [String: RunDiagnosis] = [:]
        let statusInterval = max(interval, 5)
        // Fits and judgements follow the data at most every 3 and 4 s while lines keep coming;
        // the first change after a quiet spell is printed with both at once.
        var cadence = RefreshCadence(intervals: [.frame: interval, .analysis: 3, .diagnosis: 4])
        var stages = StageCPU()
        var stageLog = StageLog()
        // The envelope's text, written again only from its first entry that changed.
        let envelopeText = EnvelopeJSONText()
        while true {
            let now = MonotonicClock.now()
            if stages.measure("read", { reader.poll(now: now) }) { cadence.dataChanged(at: now) }
            let changed = reader.sweep.revision != printedRevision
            let printInterval = reader.tailer.hasBacklog ? max(interval, Self.backlogPrintInterval) : interval
            let printDue = now - lastPrinted >= printInterval
            if printDue && reader.sweep.revision != analyzedRevision && cadence.isDue(.analysis, now: now) {
                analysis = stages.measure("analysis") { analyzer.analyze(reader.sweep) }
                analyzedRevision = reader.sweep.revision
                cadence.ran(.analysis, at: now)
                // Landing verdicts are read against the fits: judged again within the interval.
                cadence.changed(.diagnosis, at: now)
            }
            // Statuses can change with the clock alone (stale): look again every few seconds.
            var moved: [StatusTransition] = []
            if printDue && (cadence.isDue(.diagnosis, now: now) || now - lastDiagnosed >= statusInterval) {
                diagnoses = stages.measure("diagnosis") { diagnostics.diagnose(reader.sweep, analysis: analysis, now: now) }
                lastDiagnosed = now
                cadence.ran(.diagnosis, at: now)
                moved = transitions.update(diagnoses)
                alerts?.fire(episodeAlerts.update(diagnoses))
            }
            if printDue && (changed || !moved.isEmpty) {
                stages.measure("print") { output(reader.sweep, notices: Self.notices(of: reader), analysis: analysis, analyzer: analyzer, diagnoses: diagnoses, pretty: false, envelopeText: envelopeText) }
                printedRevision = reader.sweep.revision
                lastPrinted = now
                cadence.ran(.frame, at: now)
            }
            alerts?.reap()
            stageLog.write(stages, now: now)
            var wait = reader.tailer.secondsUntilNextCheck(now: MonotonicClock.now())
            // The next look at the statuses, a change seen but not yet printed (rate limit), and
            // a fit or judgement still owed.
            // Each is done only with a print, so none is looked at before the next print is due.
            let unprinted = reader.sweep.revision != printedRevision
            let printable = lastPrinted + printInterval
            if unprinted { wait = min(wait, max(0, printable - now)) }
            wait = min(wait, max(0, max(lastDiagnosed + statusInterval, printable) - now))
            if let due = cadence.nextDue() { wait = min(wait, max(0, max(due, printable) - now)) }
            if alerts?.hasRunning == true { wait = min(wait, 0.2) }
            // Lines that come while a change waits to be printed are read when it is: the logs
            // are not watched meanwhile, so many files growing a line a second wake this loop
            // about once per interval, not once per line.
            let watched = unprinted && !reader.tailer.hasBacklog ? [] : reader.tailer.waitDescriptors
            DescriptorWait.readable(watched, timeout: wait)
        }
    }

    /// Bytes a follow pass reads at most (see `LogTailer.Options.pollByteBudget`).
    static let followByteBudget: Int64 = 64 << 20
    /// Seconds between reports while a backlog is being read.
    static let backlogPrintInterval = 1.0
}
