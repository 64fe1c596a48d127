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
    /// Clicks, the wheel and drags on the plot (`--no-mouse` turns them off).
    var mouse = true

    /// Runs the loop until q, Ctrl-C, a signal or the terminal going away. Each turn reads the
    /// logs, hands the sweep to the fit, judges the runs, rebuilds the picture, applies the keys,
    /// draws, and sleeps until the next event (`LiveLoop` holds the phases and their state).
    func run() {
        let signals = SignalPipe.install()
        let screen = NcursesScreen(noColour: theme.isMonochrome, environment: ProcessInfo.processInfo.environment, mouse: mouse)
        defer { screen.stop() }
        let loop = LiveLoop(session: self, screen: screen, signals: signals)
        while true {
            let now = MonotonicClock.now()
            loop.readLogs(now: now)
            loop.submitAnalysis(now: now)
            loop.judgeRuns(now: now)
            let rebuilt = loop.rebuild(now: now)
            if loop.handleInput() == .quit { return }
            if SignalPipe.take() != nil { return }
            loop.reapAlerts()
            // A key or a failed alert made the new content stale at once: make it again first.
            if loop.contentStale && rebuilt { continue }
            loop.draw(now: now)
            if !loop.waitForNextEvent(now: now) { return }
        }
    }

    /// Bytes read between two frames while a backlog is read, so that a big sweep appears at once
    /// and fills in.
    static let pollByteBudget: Int64 = 32 << 20

    /// Seconds between frames while a backlog is read.
    static let backlogFrameInterval = 0.5
    /// While a backlog is read, the sweep goes to the analysis worker this often: each hand-over
    /// makes the next read copy every run's points, and the fit competes with the scan threads.
    static let backlogSubmitInterval = 10.0

    /// Seconds between looks at the statuses when nothing else changed.
    static let diagnosisInterval = 5.0
}
