import Foundation

/// Runs `SweepAnalyzer` on a background queue so the screen never waits on a fit. The loop
/// submits the latest sweep (a cheap copy-on-write value); if a fit is running, only the newest
/// submission waits behind it. A finished analysis wakes the loop through `wakeDescriptor`:
/// first without the parametric fit when the final points changed (so the envelope fit shows at
/// once), then again with it — unless the sweep was submitted as `partial` (a backlog still
/// being read): its final points are not final yet, and a parametric fit of seconds on every
/// core, or the band's 200 refits, would only slow the reading down. Each analysis carries the
/// landing model (`LandingModelBuilder`), so the loop's diagnoses do not fit it.
public final class AnalysisWorker: @unchecked Sendable {
    private let queue = DispatchQueue(label: "scaletop.analysis", qos: .utility)
    private let lock = NSLock()
    private var analyzer: SweepAnalyzer
    private var pending: (sweep: Sweep, partial: Bool)?
    private var busy = false
    private let mailbox = ResultMailbox<SweepAnalysis>()
    /// The landing model, brought up to date after each analysis (touched by `drain` alone).
    private var landingBuilder = LandingModelBuilder()

    public init(options: SweepAnalysisOptions) {
        analyzer = SweepAnalyzer(options: options)
    }

    /// Readable when a new analysis is ready.
    public var wakeDescriptor: Int32 { mailbox.wakeDescriptor }

    /// True while a fit runs or waits.
    public var isBusy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return busy || pending != nil
    }

    public func submit(_ sweep: Sweep, partial: Bool = false) {
        lock.lock()
        pending = (sweep, partial)
        let start = !busy
        if start { busy = true }
        lock.unlock()
        if start { queue.async { self.drain() } }
    }

    private func drain() {
        while true {
            lock.lock()
            guard let (sweep, partial) = pending else {
                busy = false
                lock.unlock()
                return
            }
            pending = nil
            var analyzer = self.analyzer
            lock.unlock()
            // The envelope fit first (milliseconds), the parametric fit after it (seconds).
            // The landing model too, so that the loop's diagnoses only project; while the
            // parametric fit is pending, the model before (L(N, D) is about to change), or the
            // first one without L(N, D).
            var start = ThreadCPUClock.now()
            var quick = analyzer.analyze(sweep, deferringParametric: true, withBand: !partial)
            if !partial {
                quick.landing = quick.parametricPending
                    ? landingBuilder.model ?? landingBuilder.update(sweep, law: nil) : landingBuilder.update(sweep, law: quick.parametric)
            }
            publish(quick, analyzer, stage: "analysis", cpu: ThreadCPUClock.now() - start)
            if quick.parametricPending && !partial {
                start = ThreadCPUClock.now()
                var full = analyzer.analyze(sweep)
                full.landing = landingBuilder.update(sweep, law: full.parametric)
                publish(full, analyzer, stage: "parametric", cpu: ThreadCPUClock.now() - start)
            }
        }
    }

    private func publish(_ analysis: SweepAnalysis, _ analyzer: SweepAnalyzer, stage: String, cpu seconds: Double) {
        // The analyzer's caches, for the next analysis (`drain` copies them under the lock).
        lock.lock()
        self.analyzer = analyzer
        lock.unlock()
        mailbox.post(analysis, stage: stage, cpu: seconds)
    }

    /// CPU seconds the worker spent: `analysis` (envelope fit, band, IsoFLOP) and `parametric`.
    public var stageCPU: StageCPU { mailbox.stageCPU }

    /// The newest finished analysis, once (nil when none arrived since the last call).
    public func takeResult() -> SweepAnalysis? { mailbox.take() }
}
