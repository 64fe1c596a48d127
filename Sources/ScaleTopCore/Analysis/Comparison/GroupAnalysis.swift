/// One group of a sweep fitted on its own: its envelope, the law fitted to it and the band at
/// the target, as the whole sweep is fitted when it has no groups.
public struct GroupAnalysis: Sendable {
    public var name: String
    /// Indices into `Sweep.runs`.
    public var runs: [Int]
    /// The group's lower compute envelope over every point of its runs (for the plot and report).
    public var envelope = ComputeEnvelope()
    /// The frontier samples the law is fitted to (see `SweepAnalyzer.fitEnvelope`).
    public var fitPoints: [ComputeLossPoint] = []
    /// Usable points of its runs past warm-up: what the frontier was sampled from.
    public var pointsRead = 0
    public var fit: EnvelopeFit?
    /// The frontier of the group's runs with their logging noise smoothed out
    /// (`LocalLinearSmoother`), and its fit: what the comparison with the baseline fits.
    public var comparisonPoints: [ComputeLossPoint] = []
    public var comparisonFit: EnvelopeFit?
    /// Every point of the group's runs with a parameter count (`TrajectorySampler`): what the
    /// parametric comparison fits; and how many runs it left out for want of a parameter count.
    public var trajectory: [TrajectoryPoint] = []
    public var runsWithoutParams = 0
    /// 10–90 % of the fit's loss at the target.
    public var band: EnvelopeBand?
    /// Why there is no fit, when there is none.
    public var noFitReason: String?

    public init(name: String, runs: [Int]) {
        self.name = name
        self.runs = runs
    }

    /// The fewest points read a group's fit needs: three usable points past warm-up, as the
    /// sweep's own fit needs three envelope points.
    public static let minimumPointsRead = 3
}
