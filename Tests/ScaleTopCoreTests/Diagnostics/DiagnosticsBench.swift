import Foundation
import ScaleTopCore
import ScaleTopSimulation

/// Measurements of the run diagnostics: detection on simulated runs with known failure onsets,
/// false alarms on healthy curves. Every run is evaluated as it grows (each prefix in turn), as the
/// live view and `report --follow` would see it.
enum DiagnosticsBench {
    /// A simulated run as a series on the FLOPs axis (6·N·tokens), with its planned end.
    static func series(_ run: RunPlan, _ plan: SweepPlan) -> CurveSeries {
        let points = Array(RunCurve(run: run, plan: plan))
        let n = Double(run.params)
        return CurveSeries(
            axis: .flops, x: points.map { 6 * n * Double($0.tokens) }, loss: points.map(\.loss),
            step: points.map { Double($0.step) }, plannedX: run.compute, plannedSteps: Double(run.totalSteps))
    }

    /// The standard sweep of `seed` with run `index` given `failure`.
    static func plan(seed: UInt64, points: Int, index: Int, failure: FailureShape?) -> (RunPlan, SweepPlan) {
        var plan = SweepPlan.standard(seed: seed, pointsPerRun: points)
        plan.runs[index].failure = failure
        return (plan.runs[index], plan)
    }

    /// What the live view knows of a simulated run besides its points: the schedule its header
    /// declares.
    static func context(_ run: RunPlan) -> RunDiagnosticsContext {
        var context = RunDiagnosticsContext()
        let header = try? JSONSerialization.jsonObject(with: Data(SimulationLogFormat.headerLine(for: run).utf8)) as? [String: Any]
        context.schedule = header.flatMap { ScheduleDeclaration.parse($0) }
        context.params = Double(run.params)
        return context
    }

    /// The first prefix (from `minimum` points on) whose status is plateau or diverged.
    static func firstAlarm(_ series: CurveSeries, minimum: Int = 8, options: DiagnosticsOptions = DiagnosticsOptions(),
                           context: RunDiagnosticsContext = RunDiagnosticsContext())
        -> (count: Int, diagnosis: RunDiagnosis)?
    {
        guard series.count >= minimum else { return nil }
        for n in minimum...series.count {
            let d = RunDiagnostics.diagnose(series.prefix(n), context: context, options: options)
            if d.verdict.status == .plateau || d.verdict.status == .diverged { return (n, d) }
        }
        return nil
    }

    /// Steps (of the latest point) at which the first alarm (plateau or diverged) and the first
    /// `diverged` rose, evaluating every prefix from `minimum` points on.
    static func alarms(_ series: CurveSeries, minimum: Int = 8, options: DiagnosticsOptions = DiagnosticsOptions())
        -> (first: (step: Double, status: RunStatus)?, diverged: Double?)
    {
        guard series.count >= minimum else { return (nil, nil) }
        var first: (step: Double, status: RunStatus)?
        for n in minimum...series.count {
            let status = RunDiagnostics.diagnose(series.prefix(n), options: options).verdict.status
            guard status == .plateau || status == .diverged else { continue }
            if first == nil { first = (series.step[n - 1], status) }
            if status == .diverged { return (first, series.step[n - 1]) }
        }
        return (first, nil)
    }

    struct Detection {
        var shape: String
        var run: String
        var seed: UInt64
        var onsetStep: Double
        /// Step of the latest point when the flag rose; nil when it never did.
        var flaggedStep: Double?
        var status: RunStatus?
        /// Step at which `diverged` rose (it may follow a first `plateau`).
        var divergedStep: Double?
        /// The run's planned steps.
        var totalSteps: Double = .nan
        /// Flagged before the onset (a false alarm, counted as a miss).
        var early: Bool { flaggedStep.map { $0 < onsetStep } ?? false }
        /// (flagged step − onset step) / onset step.
        var delay: Double? { flaggedStep.map { ($0 - onsetStep) / onsetStep } }
        var divergedDelay: Double? { divergedStep.map { ($0 - onsetStep) / onsetStep } }
        /// (flagged step − onset step) / the run's planned steps.
        var delayOfRun: Double? { flaggedStep.map { ($0 - onsetStep) / totalSteps } }
    }

    static func detect(_ shape: FailureShape, name: String, seeds: ClosedRange<UInt64>, runs: [Int], points: Int,
                       options: DiagnosticsOptions = DiagnosticsOptions()) -> [Detection] {
        var out: [Detection] = []
        for seed in seeds {
            for index in runs {
                let (run, plan) = Self.plan(seed: seed, points: points, index: index, failure: shape)
                let s = series(run, plan)
                let found = alarms(s, options: options)
                out.append(Detection(
                    shape: name, run: run.name, seed: seed, onsetStep: shape.onset * Double(run.totalSteps),
                    flaggedStep: found.first?.step, status: found.first?.status, divergedStep: found.diverged,
                    totalSteps: Double(run.totalSteps)))
            }
        }
        return out
    }

    struct Summary: CustomStringConvertible {
        var name: String
        var runs: Int
        var hits: Int
        var early: Int
        var withinQuarter: Int
        var delays: [Double]
        /// Delays until `diverged` (for the rising shapes; empty otherwise).
        var divergedDelays: [Double]
        var description: String {
            let sorted = delays.sorted()
            func q(_ sorted: [Double], _ p: Double) -> String {
                sorted.isEmpty ? "-" : String(format: "%.1f%%", 100 * sorted[min(sorted.count - 1, Int(p * Double(sorted.count)))])
            }
            let d = divergedDelays.sorted()
            var text = "\(name): hit \(hits)/\(runs), within 25 % past onset \(withinQuarter)/\(runs), before onset \(early); "
                + "delay median \(q(sorted, 0.5)), 90th pct \(q(sorted, 0.9)), max \(q(sorted, 1.0))"
            if !d.isEmpty {
                text += "; diverged in \(d.count)/\(runs), delay median \(q(d, 0.5)), 90th pct \(q(d, 0.9)), max \(q(d, 1.0))"
            }
            return text
        }
    }

    static func summarize(_ name: String, _ detections: [Detection], expected: Set<RunStatus>) -> Summary {
        let hits = detections.filter { !$0.early && $0.status.map(expected.contains) == true }
        return Summary(
            name: name, runs: detections.count, hits: hits.count, early: detections.filter(\.early).count,
            withinQuarter: hits.filter { $0.delay! < 0.25 }.count, delays: hits.compactMap(\.delay),
            divergedDelays: hits.compactMap(\.divergedDelay))
    }
}
