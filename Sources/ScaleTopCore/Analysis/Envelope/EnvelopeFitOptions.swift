/// How `EnvelopeFitSolver` fits L(C) = E + A·C^−α.
public struct EnvelopeFitOptions: Sendable, Equatable {
    /// Huber δ on log residuals: residuals beyond it (≈ 0.1 % in loss) count linearly, so a
    /// few noisy envelope points cannot drag the fit (the Chinchilla choice).
    public var huberDelta: Double = 1e-3
    /// Fewer usable points than this: no fit at all.
    public var minimumPoints: Int = 3
    /// Fewer points than this: fit the pure power law only. Three parameters on four points
    /// leave one degree of freedom, too little to tell a floor from curvature in the noise.
    public var minimumPointsForIrreducibleLoss: Int = 5
    /// A fitted E below this fraction of the smallest envelope loss counts as "no floor".
    public var vanishingIrreducibleLossFraction: Double = 0.01
    /// Least `EnvelopeFit.evidenceForIrreducibleLoss` for E to count as identified.
    ///
    /// The statistic (n − 3)·(f_pure/f_E − 1), with f the Huber objectives, is the F statistic
    /// for one extra parameter with Huber sums standing in for residual sums of squares. 4 sits
    /// between what pure power laws and laws with a floor give (README, "Measurements behind the
    /// defaults"), nearer the null side: a floor has to show in the data before the extrapolation
    /// bends toward it.
    public var minimumEvidence: Double = 4
    /// Start exponents α of the multi-start grid.
    public var startExponents: [Double] = [0.05, 0.1, 0.2, 0.4, 0.8]
    /// Start values of E as fractions of the smallest envelope loss.
    public var startIrreducibleFractions: [Double] = [0.1, 0.3, 0.5, 0.7, 0.9]
    public var minimizer = LBFGSMinimizer()

    public init() {}
}
