import Foundation

/// One logged point of a run for the parametric comparison: its model size, tokens seen and loss,
/// in logs, and which run (index into `Sweep.runs`) it belongs to, so resamples can draw whole runs.
public struct TrajectoryPoint: Sendable, Hashable {
    public var logParams: Double
    public var logTokens: Double
    public var logLoss: Double
    public var run: Int

    public init(logParams: Double, logTokens: Double, logLoss: Double, run: Int) {
        self.logParams = logParams
        self.logTokens = logTokens
        self.logLoss = logLoss
        self.run = run
    }

    /// ln C, C = 6·N·D.
    public var logCompute: Double { Foundation.log(6.0) + logParams + logTokens }
}

/// Every point of a group's runs that the parametric comparison fits: past the warm-up, up to
/// where the run's smoothed loss first rises 2 % above its best so far (a diverging run's rise
/// is not its recipe's scaling), at most `maximumPerRun` of them evenly spread. Runs without a
/// parameter count are left out and counted. Runs in order of size, then tokens, then name, so
/// that the same logs give the same points (and fit) whatever order they were read in.
public struct TrajectorySampler: Sendable {
    public var warmupFraction = 0.1
    public var maximumPerRun = 300
    public var riseCut = 0.02
    public var smoother = LocalLinearSmoother(halfWidthFraction: 1.0 / 30)

    public init() {}

    public func points(_ sweep: Sweep, runs: [Int]) -> (points: [TrajectoryPoint], runsWithoutParams: Int) {
        var points: [TrajectoryPoint] = []
        var withoutParams = 0
        let ordered = runs.sorted { i, j in
            let a = sweep.runs[i], b = sweep.runs[j]
            let keyA = (a.meta.params ?? 0, a.meta.plannedTokens ?? 0), keyB = (b.meta.params ?? 0, b.meta.plannedTokens ?? 0)
            return keyA != keyB ? keyA < keyB : a.name < b.name
        }
        for index in ordered {
            let run = sweep.runs[index]
            guard let params = run.meta.params, params > 0, params.isFinite else { withoutParams += 1; continue }
            let seen = run.last.flatMap { run.tokens(of: $0) } ?? 0
            let cut = warmupFraction * (run.meta.plannedTokens ?? seen)
            var curve: [ComputeLossPoint] = []
            var tokens: [Double] = []
            let store = run.curve
            for k in 0..<store.count {
                let point = store[k]
                guard point.hasUsableLoss, point.loss > 0, let seenTokens = run.tokens(of: point), seenTokens > 0, seenTokens >= cut,
                      seenTokens > (tokens.last ?? 0) else { continue }
                curve.append(ComputeLossPoint(compute: 6 * params * seenTokens, loss: point.loss))
                tokens.append(seenTokens)
            }
            guard !curve.isEmpty else { continue }
            // Cut where the smoothed curve first rises above its running best by `riseCut`.
            let smoothed = smoother.smooth(curve)
            var best = Double.infinity
            var end = curve.count
            for k in smoothed.indices {
                if smoothed[k].loss > best * (1 + riseCut) { end = k; break }
                best = min(best, smoothed[k].loss)
            }
            let stride = max(1.0, Double(end) / Double(max(1, maximumPerRun)))
            var position = 0.0
            while Int(position) < end {
                let k = Int(position)
                points.append(TrajectoryPoint(
                    logParams: Foundation.log(params), logTokens: Foundation.log(tokens[k]),
                    logLoss: Foundation.log(curve[k].loss), run: index))
                position += stride
            }
        }
        return (points, withoutParams)
    }
}
