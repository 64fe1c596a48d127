/// What the analysis of a sweep uses and how.
public struct SweepAnalysisOptions: Sendable, Equatable {
    /// `--target`: the compute the extrapolation aims at.
    public var targetFlops: Double?
    /// `--skip`: the warm-up rule. A point enters the envelope fit only once its run has seen
    /// this fraction of its tokens: of the planned total when the run states one, else of the
    /// tokens it has seen so far. Warm-up losses say how fast a model starts, not where it ends.
    public var warmupFraction = 0.1
    /// Bootstrap resamples for the band at the target (0 turns the band off).
    public var bandResamples = 200
    /// The parametric fit's start grid: Epoch's full grid, or a coarser one for live use.
    public var parametricGrid: ParametricStartGrid = .epoch
    /// `--drop-highest K`: the K final points of highest loss are left out of the parametric fit
    /// (Besiroglu et al. 2024 left out five on the Chinchilla data); IsoFLOP keeps them.
    public var dropHighest = 0
    /// Bootstrap resamples for the parametric fit's intervals (0 turns them off).
    public var parametricResamples = 200
    /// `--baseline NAME`: the group the others are compared with (nil: the first group).
    public var baselineGroup: String?

    public init(targetFlops: Double? = nil) {
        self.targetFlops = targetFlops
    }
}
