import ScaleTopCore
import ScaleTopTUI
import ScaleTopTerminal

/// The live view's state between two turns of its loop, and the loop's phases, in the order
/// `LiveSession.run()` calls them: read logs, submit analysis, judge runs, rebuild, handle
/// input, draw, wait for the next event. Each phase reads the backlog flag set by `readLogs`.
/// The fits and the runs' judgements run on workers of their own: the loop only hands them
/// the sweep and takes what they finish.
final class LiveLoop {
    let session: LiveSession
    let screen: NcursesScreen
    let view: DashboardView
    let reader: SweepReader
    let worker: AnalysisWorker
    /// Judges the runs (statuses and landing projections) off the loop.
    let judge: DiagnosisWorker
    /// The signal pipe's read end.
    let signals: Int32
    private(set) var alerts: AlertHook?

    var state = DashboardState()
    var analysis = SweepAnalysis()
    var content: DashboardContent
    /// The context the content was last made with (the detail pane reads it too).
    var context = DashboardContext()
    var cadence = RefreshCadence.live
    var stages = StageCPU()
    var stageLog = StageLog()

    /// The logs still hold more than one pass reads: set by `readLogs`, read by every phase.
    private(set) var readingBacklog = false
    /// When a log last grew.
    var lastChange: Double?

    /// The sweep revision last handed to the worker.
    var submittedRevision = -1
    /// The last submission was part of a backlog (its parametric fit was left out).
    var submittedPartial = false
    var lastSubmit = -Double.infinity

    /// The runs on screen are not judged yet (none were, or a backlog is being read): the frames
    /// say so until the first judgement submitted after the reading comes back.
    var statusesOwed = true
    /// The serial number of that judgement (nil: not submitted yet).
    var owedSerial: Int?
    var diagnoses: [String: RunDiagnosis] = [:]
    var verdicts: [String: RunStatusVerdict] = [:]
    /// When the runs were last handed to the judge.
    var lastDiagnosis = -Double.infinity
    var episodeAlerts = EpisodeAlertTracker()
    /// Where `w` wrote, or an alert command that failed: shown in the notice line.
    var notice: String?

    /// The content must be made again from the sweep and analysis.
    var contentStale = true
    var lastBuild = -Double.infinity
    /// The screen must be drawn again (something besides the age label changed).
    var dirty = true
    /// The next draw repaints every cell (after a resize).
    var forceRepaint = false
    var lastFrame: CellGrid?
    var drawnAge = ""
    /// Wake-ups with standard input readable but no key: a terminal that went away.
    var quietWakeups = 0

    init(session: LiveSession, screen: NcursesScreen, signals: Int32) {
        self.session = session
        self.screen = screen
        self.signals = signals
        view = DashboardView(theme: session.theme, glyphs: Glyphs.forLocale(utf8: screen.unicode))
        var configuration = session.configuration
        // A big sweep appears at once and fills in, instead of a blank screen for the whole read.
        if configuration.tailer.pollByteBudget == nil { configuration.tailer.pollByteBudget = LiveSession.pollByteBudget }
        // Once nothing has grown for a while, the safety-net check of every file runs less often
        // (inotify still brings each change at once).
        configuration.tailer.backOffWhileQuiet()
        let reader = SweepReader(roots: session.roots, configuration: configuration)
        self.reader = reader
        worker = AnalysisWorker(options: session.analysisOptions)
        var diagnostics = session.diagnostics
        diagnostics.keepsTrends = true
        judge = DiagnosisWorker(diagnostics: diagnostics)
        content = DashboardContent.make(sweep: reader.sweep, analysis: SweepAnalysis(), context: DashboardContext(), xAxis: DashboardState().xAxis)
        alerts = session.alertCommand.map { AlertHook(command: $0, outputPath: "/dev/null") { [unowned self] in self.notice = $0 } }
    }

    // MARK: Read logs

    /// Reads what the logs gained since the last turn (at most one pass's budget).
    func readLogs(now: Double) {
        if stages.measure("read", { reader.poll(now: now) }) {
            lastChange = now
            cadence.dataChanged(at: now)
        }
        readingBacklog = reader.tailer.hasBacklog
    }

    // MARK: Submit analysis

    /// Hands the sweep to the background fit when it moved, and takes a finished fit. The worker
    /// gets a copy of the sweep, which the next read then copies on write: while a backlog is
    /// read, it is handed over only now and then, without the parametric fit; once it is read,
    /// at once and whole, then at most every `analysis` interval while lines keep coming.
    func submitAnalysis(now: Double) {
        let moved = reader.sweep.revision != submittedRevision || (submittedPartial && !readingBacklog)
        if moved { cadence.changed(.analysis, at: now) }
        let due = readingBacklog ? now - lastSubmit >= LiveSession.backlogSubmitInterval : cadence.isDue(.analysis, now: now)
        if moved && due {
            worker.submit(reader.sweep, partial: readingBacklog)
            submittedRevision = reader.sweep.revision
            submittedPartial = readingBacklog
            lastSubmit = now
            cadence.ran(.analysis, at: now)
        }
        if let fresh = worker.takeResult() {
            analysis = fresh
            contentStale = true
            // Landing verdicts are read against the fits: judged again within the interval.
            cadence.changed(.diagnosis, at: now)
        }
    }

    // MARK: Judge runs

    /// Takes a finished judgement, and hands the runs to the judge when their points changed, at
    /// most every `diagnosis` interval (the diagnoses are cached, so only the runs that grew cost
    /// anything), and every few seconds for the clock alone (stale). A run read part way says
    /// nothing yet: statuses wait until the backlog is read (a half-read run would look stale or
    /// flat), and then the frame that first shows every run is drawn while they are judged.
    func judgeRuns(now: Double) {
        if let fresh = judge.takeResult() {
            let paysOwed = owedSerial.map { fresh.serial >= $0 } ?? false
            let freshVerdicts = fresh.diagnoses.mapValues(\.verdict)
            let verdictsMoved = freshVerdicts != verdicts
            if fresh.dataMoved || paysOwed || verdictsMoved {
                // New verdicts show at once; projections that only moved with new points come
                // with the next frame the points already owe (no extra frame for them).
                adopt(fresh.diagnoses, verdicts: freshVerdicts, promptly: paysOwed || verdictsMoved, now: now)
            }
            if paysOwed {
                statusesOwed = false
                owedSerial = nil
            }
        }
        if readingBacklog {
            statusesOwed = true
            owedSerial = nil
            return
        }
        if statusesOwed && owedSerial == nil {
            owedSerial = submitJudgement(now: now, dataMoved: true)
            return
        }
        guard cadence.isDue(.diagnosis, now: now) || now - lastDiagnosis >= LiveSession.diagnosisInterval else { return }
        submitJudgement(now: now, dataMoved: cadence.isPending(.diagnosis))
    }

    @discardableResult
    private func submitJudgement(now: Double, dataMoved: Bool) -> Int {
        lastDiagnosis = now
        cadence.ran(.diagnosis, at: now)
        return judge.submit(reader.sweep, analysis: analysis, now: now, dataMoved: dataMoved)
    }

    private func adopt(_ fresh: [String: RunDiagnosis], verdicts freshVerdicts: [String: RunStatusVerdict], promptly: Bool, now: Double) {
        diagnoses = fresh
        verdicts = freshVerdicts
        alerts?.fire(episodeAlerts.update(fresh))
        if promptly { contentStale = true } else { cadence.changed(.frame, at: now) }
    }

    // MARK: Rebuild

    /// Makes the dashboard's content again when it is stale or a frame's worth of data waits;
    /// returns whether it did. While lines keep coming the picture is rebuilt at most every
    /// `frame` interval; while a backlog is read, a few frames a second show the progress
    /// (rebuilding it after every slice would cost more than the reading). Keys and new fits
    /// rebuild at once.
    func rebuild(now: Double) -> Bool {
        let dataDue = readingBacklog ? now - lastBuild >= LiveSession.backlogFrameInterval : cadence.isDue(.frame, now: now)
        guard contentStale || (cadence.isPending(.frame) && dataDue) else { return false }
        lastBuild = now
        cadence.ran(.frame, at: now)
        var context = DashboardContext(
            sourceLabel: session.sourceLabel, targetFlops: session.analysisOptions.targetFlops,
            filesWatched: reader.tailer.fileCount, secondsSinceUpdate: lastChange.map { now - $0 },
            notice: notice ?? (readingBacklog ? nil : reader.unmatchedOverrides.first) ?? reader.notices.last,
            verdicts: verdicts,
            onsets: diagnoses.compactMapValues(\.onset), projections: diagnoses.compactMapValues(\.projection),
            readingBacklog: readingBacklog || statusesOwed, episodes: diagnoses.mapValues(\.episodes))
        context.hostProblem = reader.tailer.remoteHeadline
        content = stages.measure("content") {
            DashboardContent.make(
                sweep: reader.sweep, analysis: analysis, context: context, xAxis: state.xAxis, lossKey: state.lossKey, reusing: content)
        }
        self.context = context
        refreshInspection()
        contentStale = false
        dirty = true
        return true
    }

    // MARK: Handle input

    /// What the keyboard asked for.
    enum InputOutcome { case carryOn, quit }

    /// Applies every key typed since the last turn; `.quit` for q (outside the filter) or Ctrl-C.
    func handleInput() -> InputOutcome {
        let input = screen.readInput()
        if input.resized || !input.keys.isEmpty { quietWakeups = 0 }
        if input.resized {
            dirty = true
            forceRepaint = true
        }
        state.screenWidth = screen.width
        state.screenHeight = screen.height
        defer { if !input.keys.isEmpty { refreshInspection() } }
        for key in input.keys {
            switch key {
            case .control("c"):
                return .quit
            case .character("q") where !state.isEditingFilter:
                return .quit
            default:
                let before = (state.xAxis, state.lossKey)
                state = content.handle(key, state: state)
                if state.xAxis != before.0 || state.lossKey != before.1 { contentStale = true }
                if state.exportRequested {
                    // `w`: the notice line shows where the figure went (or why it did not).
                    state.exportRequested = false
                    notice = ViewExport.writeLiveView(
                        content: content, state: state, sweep: reader.sweep, analysis: analysis,
                        targetFlops: session.analysisOptions.targetFlops, sourceLabel: session.sourceLabel, theme: session.theme)
                    contentStale = true
                }
                dirty = true
            }
        }
        return .carryOn
    }

    /// The cursor's readout and the detail pane's lines, read from the sweep for the state.
    func refreshInspection() {
        content.readout = state.showsReadout ? CursorReadout.make(sweep: reader.sweep, content: content, state: state) : nil
        content.detail = state.detailRun.flatMap { RunDetail.make(sweep: reader.sweep, name: $0, context: context, rows: content.rows) }
    }

    /// Collects alert commands that ended; one that failed changes the notice line.
    func reapAlerts() {
        guard let alerts, alerts.hasRunning else { return }
        let before = notice
        alerts.reap()
        if notice != before { contentStale = true }
    }

    // MARK: Draw

    /// Sends the frame to the terminal when something changed or the age label moved on; only
    /// the age label moving redraws just the header row of the last frame.
    func draw(now: Double) {
        content.summary.secondsSinceUpdate = lastChange.map { now - $0 }
        let age = DashboardSummary.age(content.summary.secondsSinceUpdate)
        guard dirty || age != drawnAge else { return }
        var grid: CellGrid
        var changedRows: Range<Int>?
        if !dirty, var last = lastFrame, last.width == screen.width, last.height == screen.height {
            view.refreshHeader(content, state: state, in: &last)
            grid = last
            changedRows = 0..<1
        } else {
            grid = stages.measure("render") { view.render(content, state: state, width: screen.width, height: screen.height) }
        }
        lastFrame = grid
        stages.measure("draw") {
            screen.draw(grid.cells, width: grid.width, height: grid.height, force: forceRepaint || state.needsFullRedraw, changedRows: changedRows)
        }
        state.needsFullRedraw = false
        forceRepaint = false
        dirty = false
        drawnAge = age
    }

    // MARK: Next timeout

    /// Sleeps in poll(2) until a log grows, a key comes, a fit or a judgement ends, a signal
    /// arrives, or the next thing falls due (the age label's next change, an alert to collect,
    /// a cadence stage). Returns false when the terminal has gone away.
    func waitForNextEvent(now: Double) -> Bool {
        var wait = reader.tailer.secondsUntilNextCheck(now: MonotonicClock.now())
        if let lastChange { wait = min(wait, DashboardSummary.secondsUntilAgeChanges(now - lastChange) + 0.01) }
        if alerts?.hasRunning == true { wait = min(wait, 0.2) }
        if let due = cadence.nextDue() { wait = min(wait, max(0, due - MonotonicClock.now())) }
        stageLog.write(stages.merged(with: worker.stageCPU).merged(with: judge.stageCPU), now: now)
        // While a backlog is read the next slice follows at once (a key press still gets in).
        let timeout = readingBacklog ? 0 : max(0.01, wait)
        // Lines that come while a frame's worth already waits are read when it is drawn: the
        // logs are not watched meanwhile, so 200 files growing a line a second wake the loop
        // a few times a second, not 200.
        let watched = cadence.isPending(.frame) && !readingBacklog ? [] : reader.tailer.waitDescriptors
        let woke = DescriptorWait.readable([0, signals, worker.wakeDescriptor, judge.wakeDescriptor] + watched, timeout: timeout)
        // A terminal that went away without SIGHUP leaves standard input readable forever
        // with nothing to read: leave instead of spinning.
        if woke.contains(0) {
            quietWakeups += 1
            if quietWakeups > 1000 { return false }
        }
        return true
    }
}
