/// Why a result of the analysis is missing: a sentence for each one left null, naming what it
/// needs and what the sweep has, so a reader knows what to add (`report --json` `notes`, and
/// the live view's status line).
public enum SweepNotes {
    static let parametricRuns = ParametricFitter.minimumRuns

    public static func notes(sweep: Sweep, analysis: SweepAnalysis?, targetFlops: Double?) -> [String] {
        guard let analysis else { return [] }
        var notes: [String] = []
        if let missing = analysis.grouped?.baselineNotFound, let used = analysis.grouped?.baseline {
            let names = analysis.grouped?.groups.map(\.name).joined(separator: ", ") ?? ""
            notes.append("comparison: --baseline \(missing) names no group (groups: \(names)); compared with \(used)")
        }
        // Counted, not copied: a sweep may hold 100,000 runs.
        let withLoss = sweep.runs.lazy.filter { $0.usablePoints > 0 }
        let withLossCount = withLoss.count
        if analysis.envelopeFit == nil {
            if withLossCount == 0 {
                notes.append("fit: no run has a loss to plot yet")
            } else if !withLoss.contains(where: { $0.flopsUnavailableReason == nil }) {
                notes.append("fit: no run has a FLOPs axis; \(runsOffAxis(withLoss))")
            } else {
                notes.append("fit: needs more points on the compute envelope past the warm-up; have \(analysis.fitPoints.count)")
            }
        }
        if targetFlops == nil {
            notes.append("loss at the target, band and optimal_at_target: need --target FLOPS")
        }
        let finals = analysis.finals.filter(\.isUsable)
        let sizes = Set(finals.map(\.params)).count
        let dataSizes = Set(finals.map(\.tokens)).count
        let why = finals.count < withLossCount ? "; " + excluded(sweep) : ""
        if analysis.isoflop == nil {
            let group = largestBudgetGroup(finals)
            notes.append("isoflop: needs final points of at least 3 model sizes within 10 % of one compute; the largest such group has \(group)\(why)")
        }
        if analysis.parametric == nil {
            if analysis.parametricPending {
                notes.append("parametric: being fitted")
            } else if finals.count < parametricRuns {
                notes.append("parametric: needs final points of at least \(parametricRuns) runs; have \(finals.count)\(why)")
            } else if sizes < 2 || dataSizes < 2 {
                notes.append("parametric: needs final points of at least 2 model sizes and 2 token counts; have \(sizes) and \(dataSizes)")
            } else {
                notes.append("parametric: the fit could not tell its five parameters apart on these \(finals.count) final points")
            }
        }
        if targetFlops != nil && analysis.optimal == nil && !analysis.parametricPending {
            let budgets = analysis.isoflop?.budgetsInScaling ?? 0
            notes.append("optimal_at_target: needs the parametric fit, IsoFLOP optima at 2 or more budgets (have \(budgets)), or 2 model sizes on the envelope over a decade of compute")
        }
        if analysis.kaplanParams == nil && analysis.kaplanCompute == nil {
            notes.append("kaplan: needs final points of at least 2 model sizes or an envelope to fit; have \(sizes) sizes")
        }
        return notes
    }

    /// Why runs with a loss gave no final point: still running towards a planned end, no
    /// parameter count, diverged.
    static func excluded(_ sweep: Sweep) -> String {
        var running = 0, noParams = 0, other = 0
        for run in sweep.runs where run.usablePoints > 0 {
            let status = RunStatusVerdict.basic(for: run).status
            let hasPlan = run.meta.plannedTokens != nil || run.meta.totalSteps != nil
            if run.meta.params == nil {
                noParams += 1
            } else if status == .finished || (!hasPlan && status == .running) {
                continue
            } else if status == .running {
                running += 1
            } else {
                other += 1
            }
        }
        var parts: [String] = []
        if running > 0 { parts.append("\(count(running)) still running to a planned end") }
        if noParams > 0 { parts.append("\(count(noParams)) without a parameter count") }
        if other > 0 { parts.append("\(count(other)) diverged or stopped") }
        return "final points come from finished runs and runs with no planned end" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }

    static func count(_ n: Int) -> String { n == 1 ? "1 run" : "\(n) runs" }

    /// What keeps runs off the FLOPs axis, in a few words.
    static func runsOffAxis<Runs: Sequence<Run>>(_ runs: Runs) -> String {
        var all = 0, noParams = 0
        for run in runs {
            all += 1
            if run.meta.params == nil { noParams += 1 }
        }
        if noParams > 0 {
            return "\(count(noParams)) without a parameter count (log \"params\", add NAME.meta.json, or pass --params NAME=N)"
        }
        return "\(count(all)) without tokens (log \"tokens\" or \"tokens_per_step\", or pass --tokens-per-step)"
    }

    /// The most distinct model sizes among final points whose compute lies within +10 % of
    /// the smallest of them (the IsoFLOP grouping).
    static func largestBudgetGroup(_ finals: [RunFinalPoint]) -> Int {
        let sorted = finals.sorted { $0.flops < $1.flops }
        var best = 0
        for (i, first) in sorted.enumerated() {
            var sizes = Set<Double>()
            for point in sorted[i...] where point.flops <= first.flops * 1.1 { sizes.insert(point.params) }
            best = max(best, sizes.count)
        }
        return best
    }
}
