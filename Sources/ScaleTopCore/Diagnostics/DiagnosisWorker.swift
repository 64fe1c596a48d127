import Foundation

/// Judges a sweep's runs (`SweepDiagnostics`: statuses, episodes, landing projections) on a
/// background queue, so that re-projecting every running run after a new point, or every run
/// when one finishes and the landing model changes, never holds up a frame or a key. The loop
/// submits the latest sweep and analysis (cheap copy-on-write values); while a diagnosis runs,
/// only the newest submission waits behind it. A finished diagnosis wakes the loop through
/// `wakeDescriptor`. The diagnostics' caches live here, touched by the queue alone.
public final class DiagnosisWorker: @unchecked Sendable {
    /// A diagnosis of every run, with what the loop needs to decide whether to show it.
    public struct Result: Sendable {
        public var diagnoses: [String: RunDiagnosis]
        /// The serial number `submit` returned for the sweep this judged.
        public var serial: Int
        /// Some submission folded into this one brought new points or fits (not only the clock).
        public var dataMoved: Bool
    }

    private struct Job {
        var sweep: Sweep
        var analysis: SweepAnalysis?
        var now: Double?
        var serial: Int
        var dataMoved: Bool
    }

    private let queue = DispatchQueue(label: "scaletop.diagnosis", qos: .userInitiated)
    private let lock = NSLock()
    private var diagnostics: SweepDiagnostics
    private var pending: Job?
    private var busy = false
    private var serials = 0
    private let mailbox = ResultMailbox<Result>()

    public init(diagnostics: SweepDiagnostics) {
        self.diagnostics = diagnostics
    }

    /// Readable when a new diagnosis is ready.
    public var wakeDescriptor: Int32 { mailbox.wakeDescriptor }

    /// True while a diagnosis runs or waits.
    public var isBusy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return busy || pending != nil
    }

    /// Queues the sweep to be judged at `now` (nil: staleness not judged) and returns its serial
    /// number. A submission it replaces before it starts passes on its `dataMoved`.
    @discardableResult
    public func submit(_ sweep: Sweep, analysis: SweepAnalysis?, now: Double?, dataMoved: Bool = true) -> Int {
        lock.lock()
        serials += 1
        let serial = serials
        pending = Job(sweep: sweep, analysis: analysis, now: now, serial: serial, dataMoved: dataMoved || pending?.dataMoved == true)
        let start = !busy
        if start { busy = true }
        lock.unlock()
        if start { queue.async { self.drain() } }
        return serial
    }

    private func drain() {
        while true {
            lock.lock()
            guard let job = pending else {
                busy = false
                lock.unlock()
                return
            }
            pending = nil
            lock.unlock()
            let start = ThreadCPUClock.now()
            let diagnoses = diagnostics.diagnose(job.sweep, analysis: job.analysis, now: job.now)
            // A result not yet taken is replaced; whether data moved in either is kept.
            mailbox.post(Result(diagnoses: diagnoses, serial: job.serial, dataMoved: job.dataMoved),
                         stage: "diagnosis", cpu: ThreadCPUClock.now() - start,
                         merge: { untaken, new in
                             var merged = new
                             merged.dataMoved = new.dataMoved || untaken.dataMoved
                             return merged
                         })
        }
    }

    /// CPU seconds the worker spent judging runs (stage `diagnosis`).
    public var stageCPU: StageCPU { mailbox.stageCPU }

    /// The newest finished diagnosis, once (nil when none arrived since the last call).
    public func takeResult() -> Result? { mailbox.take() }
}
