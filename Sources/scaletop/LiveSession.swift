import Foundation
import ScaleTopCore
import ScaleTopTUI
import ScaleTopTerminal

/// The live view's event loop: the only place that knows about time. Sleeps in poll(2) until
/// a log grows (inotify), a key arrives, a fit finishes, a signal comes or the age label needs
/// its next tick; then reads, hands the sweep to the background fit, and redraws only when the
/// picture changed (the terminal layer then sends only the cells that differ).
struct LiveSession {
    var roots: [WatchRoot]
    var configuration: SweepReader.Configuration
    var analysisOptions: SweepAnalysisOptions
    var sourceLabel: String
    var theme: Theme
    /// Plateau, divergence, staleness and landing verdicts for the table.
    var diagnostics = SweepDiagnostics()
    /// `--on-alert`: run when a run becomes plateau or diverged.
    var alertCommand: String?

    func run() {
        let signals = SignalPipe.install()
        let screen = NcursesScreen(noColour: theme.isMonochrome)
        defer { screen.stop() }
        let view = DashboardView(theme: theme, glyphs: Glyphs.forLocale(utf8: screen.unicode))
        var configuration = self.configuration
        // A big sweep appears at once and fills in, instead of a blank screen for the whole read.
        if configuration.tailer.pollByteBudget == nil { configuration.tailer.pollByteBudget = Self.pollByteBudget }
        // Once nothing has grown for a while, the safety-net check of every file runs less often
        // (inotify still brings each change at once).
        configuration.tailer.backOffWhileQuiet()
        let reader = SweepReader(roots: roots, configuration: configuration)
        let worker = AnalysisWorker(options: analysisOptions)
        var analysis = SweepAnalysis()
        var state = DashboardState()
        var lastChange: Double?
        var submitted = -1
        /// The last submission was part of a backlog (its parametric fit was left out).
        var submittedPartial = false
        /// Runs were read as a backlog and are not judged yet: the frame that first shows them
        /// all is drawn before the diagnosis of every run, which comes right after it.
        var statusesOwed = false
        var judgeAfterDraw = false
        var drawnAge = ""
        var lastDiagnosis = -Double.infinity
        var verdicts: [String: RunStatusVerdict] = [:]
        var contentStale = true
        var lastBuild = -Double.infinity
        var lastSubmit = -Double.infinity
        var lastFrame: CellGrid?
        var dirty = true
        var force = false
        var quietWakeups = 0
        var diagnostics = self.diagnostics
        diagnostics.keepsTrends = true
        var episodeAlerts = EpisodeAlertTracker()
        var diagnoses: [String: RunDiagnosis] = [:]
        var alertNotice: String?
        let alerts = alertCommand.map { AlertHook(command: $0, outputPath: "/dev/null") { alertNotice = $0 } }
        var content = DashboardContent.make(sweep: reader.sweep, analysis: analysis, context: DashboardContext(), xAxis: state.xAxis)
        var cadence = RefreshCadence.live
        var stages = StageCPU()
        var stageLog = StageLog()

        while true {
            let now = MonotonicClock.now()
            if stages.measure("read", { reader.poll(now: now) }) {
                lastChange = now
                cadence.dataChanged(at: now)
            }
            // The worker gets a copy of the sweep, which the next read then copies on write: while
            // a backlog is read, hand it over only now and then, without the parametric fit;
            // once it is read, at once and whole, then at most every `analysis` interval while
            // lines keep coming.
            let backlog = reader.tailer.hasBacklog
            let moved = reader.sweep.revision != submitted || (submittedPartial && !backlog)
            if moved { cadence.changed(.analysis, at: now) }
            if moved && (backlog ? now - lastSubmit >= Self.backlogSubmitInterval : cadence.isDue(.analysis, now: now)) {
                worker.submit(reader.sweep, partial: backlog)
                submitted = reader.sweep.revision
                submittedPartial = backlog
                lastSubmit = now
                cadence.ran(.analysis, at: now)
            }
            if let fresh = worker.takeResult() {
                analysis = fresh
                contentStale = true
                // Landing verdicts are read against the fits: judged again within the interval.
                cadence.changed(.diagnosis, at: now)
            }
            // Runs are judged when their points changed, at most every `diagnosis` interval (the
            // diagnoses are cached, so only the runs that grew cost anything), and every few
            // seconds for the clock alone (stale). A run read part way says nothing yet:
            // statuses wait until the backlog is read (a half-read run would look stale or flat,
            // and diagnosing 200 runs every frame would cost more than the reading).
            let reading = reader.tailer.hasBacklog
            if !reading && !statusesOwed && !diagnoses.isEmpty
                && (cadence.isDue(.diagnosis, now: now) || now - lastDiagnosis >= Self.diagnosisInterval) {
                let dataMoved = cadence.isPending(.diagnosis)
                let fresh = stages.measure("diagnosis") { diagnostics.diagnose(reader.sweep, analysis: analysis, now: now) }
                lastDiagnosis = now
                cadence.ran(.diagnosis, at: now)
                if dataMoved || fresh.mapValues(\.verdict) != verdicts {
                    diagnoses = fresh
                    verdicts = fresh.mapValues(\.verdict)
                    alerts?.fire(episodeAlerts.update(fresh))
                    contentStale = true
                }
            }
            // While lines keep coming the picture is rebuilt at most every `frame` interval; while
            // a backlog is read, a few frames a second show the progress (rebuilding it after
            // every slice would cost more than the reading). Keys and new fits rebuild at once.
            let dataDue = reading ? now - lastBuild >= Self.backlogFrameInterval : cadence.isDue(.frame, now: now)
            let building = contentStale || (cadence.isPending(.frame) && dataDue)
            if building {
                lastBuild = now
                cadence.ran(.frame, at: now)
                if reading {
                    statusesOwed = true
                } else if statusesOwed && !judgeAfterDraw {
                    // The whole backlog is read: show it now, judge it next time round.
                    judgeAfterDraw = true
                } else if statusesOwed || diagnoses.isEmpty {
                    diagnoses = stages.measure("diagnosis") { diagnostics.diagnose(reader.sweep, analysis: analysis, now: now) }
                    lastDiagnosis = now
                    cadence.ran(.diagnosis, at: now)
                    verdicts = diagnoses.mapValues(\.verdict)
                    alerts?.fire(episodeAlerts.update(diagnoses))
                    statusesOwed = false
                    judgeAfterDraw = false
                }
                let context = DashboardContext(
                    sourceLabel: sourceLabel, targetFlops: analysisOptions.targetFlops,
                    filesWatched: reader.tailer.fileCount, secondsSinceUpdate: lastChange.map { now - $0 },
                    notice: alertNotice ?? (reader.tailer.hasBacklog ? nil : reader.unmatchedOverrides.first) ?? reader.notices.last,
                    verdicts: diagnoses.mapValues(\.verdict),
                    onsets: diagnoses.compactMapValues(\.onset), projections: diagnoses.compactMapValues(\.projection),
                    readingBacklog: reading || statusesOwed, episodes: diagnoses.mapValues(\.episodes))
                content = stages.measure("content") {
                    DashboardContent.make(
                        sweep: reader.sweep, analysis: analysis, context: context, xAxis: state.xAxis, lossKey: state.lossKey, reusing: content)
                }
                contentStale = false
                dirty = true
            }
            let inputs = screen.readInput()
            if !inputs.isEmpty { quietWakeups = 0 }
            for input in inputs {
                switch input {
                case .resize:
                    dirty = true
                    force = true
                case .control("c"):
                    return
                case .character("q") where !state.isEditingFilter:
                    return
                default:
                    guard let key = Self.key(for: input) else { continue }
                    let before = (state.xAxis, state.lossKey)
                    state = content.handle(key, state: state)
                    if state.xAxis != before.0 || state.lossKey != before.1 { contentStale = true }
                    if state.exportRequested {
                        // `w`: the notice line shows where the figure went (or why it did not).
                        state.exportRequested = false
                        alertNotice = ViewExport.writeLiveView(
                            content: content, state: state, sweep: reader.sweep, analysis: analysis,
                            targetFlops: analysisOptions.targetFlops, sourceLabel: sourceLabel, theme: theme)
                        contentStale = true
                    }
                    dirty = true
                }
            }
            if SignalPipe.take() != nil { return }
            if let alerts, alerts.hasRunning {
                let before = alertNotice
                alerts.reap()
                if alertNotice != before { contentStale = true }
            }
            if contentStale && building { continue }
            // Only the age label moved: no need to rebuild the plot and table.
            content.summary.secondsSinceUpdate = lastChange.map { now - $0 }
            let age = DashboardSummary.age(content.summary.secondsSinceUpdate)
            if dirty || age != drawnAge {
                var grid: CellGrid
                var changedRows: Range<Int>?
                if !dirty, var last = lastFrame, last.width == screen.width, last.height == screen.height {
                    // Only the age label: redraw the header row of the last frame.
                    view.refreshHeader(content, state: state, in: &last)
                    grid = last
                    changedRows = 0..<1
                } else {
                    grid = view.render(content, state: state, width: screen.width, height: screen.height)
                }
                lastFrame = grid
                stages.measure("draw") {
                    screen.draw(grid.cells, width: grid.width, height: grid.height, force: force || state.needsFullRedraw, changedRows: changedRows)
                }
                state.needsFullRedraw = false
                force = false
                dirty = false
                drawnAge = age
            }
            if judgeAfterDraw && statusesOwed {
                contentStale = true
                continue
            }
            // Wake for the age label's next change at the latest (seconds, then minutes...).
            var wait = reader.tailer.secondsUntilNextCheck(now: MonotonicClock.now())
            if let lastChange { wait = min(wait, DashboardSummary.secondsUntilAgeChanges(now - lastChange) + 0.01) }
            if alerts?.hasRunning == true { wait = min(wait, 0.2) }
            if let due = cadence.nextDue() { wait = min(wait, max(0, due - MonotonicClock.now())) }
            stageLog.write(stages.merged(with: worker.stageCPU), now: now)
            // While a backlog is read the next slice follows at once (a key press still gets in).
            let timeout = reader.tailer.hasBacklog ? 0 : max(0.01, wait)
            // Lines that come while a frame's worth already waits are read when it is drawn: the
            // logs are not watched meanwhile, so 200 files growing a line a second wake the loop
            // a few times a second, not 200.
            let watched = cadence.isPending(.frame) && !reader.tailer.hasBacklog ? [] : reader.tailer.waitDescriptors
            let woke = DescriptorWait.readable([0, signals, worker.wakeDescriptor] + watched, timeout: timeout)
            // A terminal that went away without SIGHUP leaves standard input readable forever
            // with nothing to read: leave instead of spinning.
            if woke.contains(0) {
                quietWakeups += 1
                if quietWakeups > 1000 { return }
            }
        }
    }


    /// Bytes read between two frames while a backlog is read (about 0.1–0.3 s of reading).
    static let pollByteBudget: Int64 = 32 << 20

    /// Seconds between frames while a backlog is read.
    static let backlogFrameInterval = 0.5
    /// While a backlog is read, the sweep goes to the analysis worker this often: each hand-over
    /// makes the next read copy every run's points, and the fit competes with the scan threads.
    static let backlogSubmitInterval = 10.0

    /// Seconds between looks at the statuses when nothing else changed.
    static let diagnosisInterval = 5.0

    static func key(for input: TerminalInput) -> Key? {
        switch input {
        case let .character(c): .character(c)
        case let .control(c): .control(c)
        case .up: .up
        case .down: .down
        case .left: .left
        case .right: .right
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .home: .home
        case .end: .end
        case .tab: .tab
        case .backTab: .backTab
        case .enter: .enter
        case .escape: .escape
        case .backspace, .delete: .backspace
        case .resize: nil
        }
    }
}

