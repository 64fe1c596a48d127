import ScaleTopCore

/// The `a` panel's content: Chinchilla's three approaches side by side (their Table 3), each
/// with N_opt ∝ C^a, D_opt ∝ C^b and N, D at the target, the one the optimum comes from marked,
/// and the parametric fit's bootstrap intervals.
public struct ApproachesTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var name: String
        /// Nil when the approach does not apply to this sweep; `why` says so.
        public var estimate: ApproachEstimate?
        public var why: String?
        public var isSource: Bool
    }

    public var rows: [Row]
    public var target: Double?
    /// "alpha 0.33–0.36  beta 0.35–0.40  a 0.49–0.54 (80 %, 200 resamples)", or nil.
    public var intervals: String?
    /// How many final points `--drop-highest` left out of the parametric fit.
    public var dropped: Int

    public static func make(analysis: SweepAnalysis, target: Double?) -> ApproachesTable {
        let approaches = analysis.approaches
        let source = analysis.optimalSource
        func row(_ name: String, _ key: String, _ estimate: ApproachEstimate?, _ why: String) -> Row {
            Row(name: name, estimate: estimate, why: estimate == nil ? why : nil, isSource: source == key && estimate != nil)
        }
        var intervals: String?
        if let ci = approaches.parametricIntervals {
            func range(_ r: ClosedRange<Double>) -> String { "\(NumberText.fixed(r.lowerBound, digits: 3))–\(NumberText.fixed(r.upperBound, digits: 3))" }
            intervals = "alpha \(range(ci.alpha))  beta \(range(ci.beta))  a \(range(ci.a))  (80 %, \(ci.resamples) resamples)"
        }
        return ApproachesTable(
            rows: [
                row("1 envelope", "envelope", approaches.envelope, "needs 2 sizes on an envelope over a decade of compute"),
                row("2 IsoFLOP", "isoflop", approaches.isoflop, "needs 2 budgets of ≥ 3 sizes with a vertex"),
                row("3 parametric", "parametric", approaches.parametric,
                    analysis.parametricPending ? "fitting…" : "needs 6 final points of 2 sizes and 2 token counts"),
            ],
            target: target, intervals: intervals, dropped: analysis.parametricDropped.count)
    }
}
