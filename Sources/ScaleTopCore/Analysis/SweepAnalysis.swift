/// Everything fitted to a sweep at one moment: the three Chinchilla approaches, Kaplan's
/// single-variable laws, and the optimum at the target. Plain values, shared by the report and
/// the live view.
public struct SweepAnalysis: Sendable {
    /// The envelope the power law is fitted to: the lower frontier of the points past warm-up.
    public var fitPoints: [ComputeLossPoint] = []
    /// Approach 1: L(C) = E + A·C^-alpha on `fitPoints`.
    public var envelopeFit: EnvelopeFit?
    /// 10–90 % band of the fit's loss at the target: the bootstrap band, widened as
    /// `ExtrapolationCheck` says (nil when the extrapolation is withheld).
    public var band: EnvelopeBand?
    /// The bootstrap band alone.
    public var bootstrapBand: EnvelopeBand?
    /// Why `band` is wider than the bootstrap band, or nil.
    public var bandWidenedBecause: String?
    /// Why there is no loss at the target although there is a fit, or nil.
    public var extrapolationWithheld: String?
    /// The runs whose last point counts as a final result (see `SweepAnalyzer.finalPoints`).
    public var finals: [RunFinalPoint] = []
    /// Approach 2.
    public var isoflop: IsoFLOPAnalysis?
    /// Approach 3.
    public var parametric: ParametricFit?
    /// Final points `--drop-highest` left out of the parametric fit, highest loss first.
    public var parametricDropped: [RunFinalPoint] = []
    /// The three approaches side by side, with the parametric fit's bootstrap intervals.
    public var approaches = ChinchillaApproaches()
    /// The final points changed and the parametric fit (seconds, with 4500 starts) was left for
    /// a second pass (`SweepAnalyzer.analyze(_:deferringParametric:)`); `parametric` and the
    /// optimum are then missing until it lands.
    public var parametricPending = false
    /// The compute-optimal model at the target, and which approach gave it.
    public var optimal: ComputeOptimalAllocation?
    public var optimalSource: String?
    /// Kaplan et al. 2020: L(N) over final points, and the compute frontier L(C) = (C_c/C)^alpha_C.
    public var kaplanParams: KaplanPowerLaw?
    public var kaplanCompute: KaplanPowerLaw?
    /// Each group fitted on its own and compared with the baseline; nil when the sweep has no
    /// groups (or one).
    public var grouped: GroupedAnalysis?
    /// In a sweep of groups, the group the headline fit, band and optimum are fitted to (the
    /// baseline); nil when the sweep is one group.
    public var scopeGroup: String?
    /// What the finished runs teach about landing, when the analysis worker built it (off the
    /// drawing thread, warm: `LandingModelBuilder`); nil elsewhere (diagnoses then build their own).
    public var landing: SweepLandingModel?
    /// How the live refit went (debug figures).
    public var fullFits = 0
    public var warmFits = 0
    public var skippedFits = 0
    public var lastRefitMilliseconds: Double?

    public init() {}

    /// The fit's loss at the target compute (nil when the extrapolation is withheld).
    public func lossAtTarget(_ target: Double?) -> Double? {
        guard let target, let fit = envelopeFit, extrapolationWithheld == nil else { return nil }
        let loss = fit.loss(at: target)
        return loss.isFinite ? loss : nil
    }
}
