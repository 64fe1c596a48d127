import Foundation

/// Diagnoses every run of a sweep, re-diagnosing only runs that changed: a run whose points and
/// description are as before, under the same envelope fit, keeps its diagnosis (only the stale
/// test, which depends on the clock, is redone). Keeps each run's last landing verdict so that
/// verdicts do not flicker at the boundary, and each run's episodes: a run seen for the first time
/// has its history replayed (`RunEpisodes.replay`), and an episode once seen is never dropped.
public struct SweepDiagnostics: Sendable {
    public var options: DiagnosticsOptions
    private var cache: [String: (key: Key, diagnosis: RunDiagnosis)] = [:]

    private struct Key: Equatable {
        var points: Int
        var last: LogPoint?
        var meta: RunMeta
        var fit: FitKey
        var stale: Bool
    }

    /// An envelope fit, equal to another whose losses differ by less than 0.1 % from 1e12 to
    /// 1e24 FLOPs: a warm refit after a few new points does not make every run be judged again.
    struct FitKey: Equatable {
        var fit: EnvelopeFit?

        static func == (a: FitKey, b: FitKey) -> Bool {
            guard let x = a.fit, let y = b.fit else { return a.fit == nil && b.fit == nil }
            return stride(from: 12.0, through: 24.0, by: 4.0).allSatisfy { k in
                let c = pow(10, k)
                return abs(x.loss(at: c) / y.loss(at: c) - 1) < 1e-3
            }
        }
    }

    public init(options: DiagnosticsOptions = DiagnosticsOptions()) {
        self.options = options
    }

    /// Diagnoses by run name. `now` and each source's `lastGrowth` are on the reader's clock;
    /// pass nil for `now` when staleness cannot be judged (a one-shot read).
    public mutating func diagnose(_ sweep: Sweep, fit: EnvelopeFit?, now: Double?) -> [String: RunDiagnosis] {
        var result: [String: RunDiagnosis] = [:]
        var seen = Set<String>()
        for run in sweep.runs {
            seen.insert(run.name)
            let growth = sweep.lastGrowth(of: run)
            let stale = now.map { now in growth.map { now - $0 > options.staleAfterSeconds } ?? false } ?? false
            let key = Key(points: run.usablePoints + run.nonFiniteLosses + run.nonPositiveLosses, last: run.last, meta: run.meta, fit: FitKey(fit: fit), stale: stale)
            if let cached = cache[run.name], cached.key == key {
                result[run.name] = cached.diagnosis
                continue
            }
            let context = RunDiagnosticsContext(
                envelopeFit: fit, now: now, lastGrowth: growth,
                previousVerdict: cache[run.name]?.diagnosis.projection?.verdict)
            let series = CurveSeries(run: run)
            var diagnosis = RunDiagnostics.diagnose(series, context: context, options: options)
            // A run that lost points (its log was rewritten) is looked at afresh.
            let earlier = cache[run.name].flatMap { $0.key.points <= key.points ? $0.diagnosis.episodes : nil }
                ?? RunEpisodes.replay(series, context: context, options: options)
            diagnosis.record(RunEpisodes.combine(earlier, diagnosis.episodes), series: series)
            cache[run.name] = (key, diagnosis)
            result[run.name] = diagnosis
        }
        cache = cache.filter { seen.contains($0.key) }
        return result
    }
}
