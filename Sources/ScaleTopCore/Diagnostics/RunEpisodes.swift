import Foundation

/// Finds a run's episodes: every divergence (gross rises, sustained rises of the smoothed loss,
/// losses that broke to NaN), the plateau or rise flagged at the latest point, and spikes that
/// reached `episodeSpikeRatio` times the smoothed curve. Plateaus a run went through earlier are
/// only visible at the prefixes where they held: `replay` looks at those.
public enum RunEpisodes {
    /// Episodes of one kind closer than this ratio of x apart are one: a loss that swings in and
    /// out of a blow-up is one episode, and so is the smoothed loss's rise that trails a blow-up
    /// by up to one smoothing window (`smoothingWindow`, 0.1 in ln x: a ratio of 1.105).
    static let mergeGap = 1.12

    /// The episodes the latest diagnosis shows: its history of rises and spikes, and its flag now.
    static func found(_ series: CurveSeries, curve: SmoothedCurve, gross: [GrossRise], warmupEnd: Double,
                      diagnosis: RunDiagnosis, options: DiagnosticsOptions) -> [RunEpisode] {
        var episodes: [RunEpisode] = []
        for rise in gross {
            episodes.append(RunEpisode(
                kind: .diverged, fromX: series.x[rise.onsetIndex], toX: series.x[rise.endIndex],
                fromStep: series.step[rise.onsetIndex], toStep: series.step[rise.endIndex],
                peakLoss: rise.peakLoss, ongoing: !rise.recovered))
        }
        if !curve.isEmpty {
            let tip = curve.count - 1
            for stretch in DivergenceRule.stretches(curve, warmupEnd: warmupEnd, options: options) {
                episodes.append(episode(.diverged, series, fromX: exp(curve.logX[stretch.start]), toX: exp(curve.logX[stretch.end]),
                                        ongoing: stretch.end == tip))
            }
        }
        if let last = series.loss.last, !last.isFinite, let lastX = series.x.last {
            let start = diagnosis.onset?.x ?? lastX
            episodes.append(episode(.diverged, series, fromX: start, toX: lastX, ongoing: true))
        }
        if let flat = diagnosis.plateau, let lastX = series.x.last, diagnosis.verdict.status == .plateau || diagnosis.verdict.status == .diverged {
            episodes.append(episode(flat.rising ? .diverged : .plateau, series, fromX: exp(flat.windowStartLogX), toX: lastX, ongoing: true))
        }
        for spike in diagnosis.spikes where spike.peakRatio >= options.episodeSpikeRatio {
            episodes.append(episode(.spike, series, fromX: series.x[spike.firstIndex], toX: series.x[spike.lastIndex], ongoing: !spike.recovered))
        }
        return episodes.consolidated(gap: mergeGap)
    }

    /// The plateaus and rises a run went through, seen by diagnosing it again at
    /// `episodeReplayCheckpoints` evenly spaced prefixes of a copy thinned to `episodeReplayPoints`.
    /// For a run read whole (a finished run, a backlog): what the live view would have flagged on
    /// the way. About 20 diagnoses of at most 400 points, with no projection.
    public static func replay(_ series: CurveSeries, context: RunDiagnosticsContext, options: DiagnosticsOptions) -> [RunEpisode] {
        let thinned = thin(series, to: options.episodeReplayPoints)
        let n = thinned.count
        let checkpoints = max(options.episodeReplayCheckpoints, 1)
        guard n >= 8 else { return [] }
        var episodes: [RunEpisode] = []
        var context = context
        context.finishedByLog = false
        for k in 1...checkpoints {
            let count = max(8, (n * k + checkpoints - 1) / checkpoints)
            guard count <= n else { break }
            let diagnosis = RunDiagnostics.diagnose(thinned.prefix(count), context: context, options: options, projecting: false)
            // The statuses a prefix was flagged with; the rises in its history come from the full run.
            guard diagnosis.verdict.status == .plateau || diagnosis.verdict.status == .diverged else { continue }
            episodes += diagnosis.episodes.filter { $0.ongoing && $0.kind != .spike }.map { episode in
                var closed = episode
                closed.ongoing = count == n
                return closed
            }
        }
        return episodes.consolidated(gap: mergeGap)
    }

    /// `previous` episodes kept, `current` ones added: an episode once seen stays, and one that is
    /// still going grows.
    public static func combine(_ previous: [RunEpisode], _ current: [RunEpisode]) -> [RunEpisode] {
        // What was ongoing before and is not found now has ended where it was last seen.
        let kept = previous.map { old -> RunEpisode in
            var episode = old
            if old.ongoing, !current.contains(where: { $0.kind == old.kind && $0.ongoing && $0.touches(old, gap: mergeGap) }) {
                episode.ongoing = false
            }
            return episode
        }
        var combined = kept + current
        // A closed episode does not become ongoing again by merging with its own earlier sighting.
        combined = combined.consolidated(gap: mergeGap)
        return combined
    }

    /// An episode spanning [fromX, toX] of the series: steps and peak from its points there.
    static func episode(_ kind: RunEpisode.Kind, _ series: CurveSeries, fromX: Double, toX: Double, ongoing: Bool) -> RunEpisode {
        let first = lowerBound(series.x, fromX * (1 - 1e-12))
        let last = max(first, lowerBound(series.x, toX * (1 + 1e-12)) - 1)
        var peak = Double.nan
        if first < series.count {
            for i in first...min(last, series.count - 1) where series.loss[i].isFinite {
                peak = peak.isFinite ? max(peak, series.loss[i]) : series.loss[i]
            }
        }
        let fromStep = first < series.count ? series.step[first] : .nan
        let toStep = series.count > 0 ? series.step[min(last, series.count - 1)] : .nan
        return RunEpisode(kind: kind, fromX: fromX, toX: toX, fromStep: fromStep, toStep: toStep, peakLoss: peak, ongoing: ongoing)
    }

    /// First index whose x is at least `value` (x non-decreasing).
    static func lowerBound(_ x: [Double], _ value: Double) -> Int {
        x.partitionPoint { $0 < value }
    }

    /// Every k-th point and the last, so that at most `limit` remain.
    static func thin(_ series: CurveSeries, to limit: Int) -> CurveSeries {
        guard series.count > limit, limit > 1 else { return series }
        let stride = (series.count + limit - 1) / limit
        var keep = Array(Swift.stride(from: series.count - 1, through: 0, by: -stride).reversed())
        if keep.first != 0 { keep.insert(0, at: 0) }
        var copy = series
        copy.x = keep.map { series.x[$0] }
        copy.loss = keep.map { series.loss[$0] }
        copy.step = keep.map { series.step[$0] }
        return copy
    }
}
