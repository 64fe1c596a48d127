/// The IsoFLOP profile of one compute budget: loss against ln N fitted by a parabola.
public struct IsoFLOPBudget: Sendable, Equatable {
    /// The budget's compute: the geometric mean of its runs' final compute.
    public var flops: Double
    public var runs: Int
    /// Distinct parameter counts among the runs (≥ `IsoFLOPAnalyzer.minimumDistinctParams`).
    public var distinctParams: Int
    /// Smallest and largest N tried.
    public var smallestParams: Double
    public var largestParams: Double
    /// The fitted parabola in x = ln N: loss ≈ c₀ + c₁x + c₂x².
    public var profile: ParabolaFit
    /// N at the parabola's vertex; nil when it opens downward or is flat.
    public var paramsOpt: Double?
    /// D_opt = flops / (6·N_opt).
    public var tokensOpt: Double?
    /// The parabola's value at the vertex.
    public var lossOpt: Double?
    /// The vertex lies outside [smallestParams, largestParams], or there is no vertex: the
    /// optimum was not bracketed by the runs, a warning sign for the whole analysis.
    public var atEdge: Bool

    public var opensDownward: Bool { paramsOpt == nil }
}
