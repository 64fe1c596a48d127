/// The knobs of the run diagnostics. Widths are in ln x (x = FLOPs, tokens or steps; within one run
/// these are proportional, so ln-widths mean the same in all three): a width w covers the last
/// 1 − e^−w of the compute at the point it ends on (0.1 ≈ the last 9.5 %).
public struct DiagnosticsOptions: Sendable, Equatable {
    // MARK: Smoother (see `RobustSmoother`)

    /// Trailing window of each smoothed value, in ln x.
    public var smoothingWindow = 0.1
    /// Fewest points a smoothed value rests on: the window reaches further back when it holds fewer.
    public var smoothingMinimumPoints = 7
    /// Most points a window's median looks at; denser windows are subsampled with a stride.
    public var smoothingMaximumPoints = 64

    // MARK: Warm-up

    /// Neither rule looks at the first `warmupFraction` of the planned compute (of the compute so
    /// far when the run states no plan): warm-up bumps and the fast initial fall are not trends.
    public var warmupFraction = 0.1

    // MARK: Divergence (see `DivergenceRule`)

    /// The smoothed loss must sit more than this fraction above its running minimum…
    public var riseFraction = 0.03
    /// …and more than `noiseZ` standard errors of that difference…
    public var noiseZ = 3.0
    /// …at every smoothed point over this trailing width (ln x): a rise must be sustained.
    public var riseSustain = 0.04

    // MARK: Plateau (see `PlateauRule`)

    /// The observation window as a fraction of the compute so far: the gain from (1 − f)·x to x is
    /// compared with the gain the run's trend over the window before it (and the envelope) expect.
    public var plateauWindow = 0.25
    /// A plateau gained less than this share of the expected gain…
    public var plateauGainShare = 0.25
    /// …and by more than this many standard errors of (expected − observed gain)…
    public var plateauZ = 4.0
    /// …while at least this relative gain was expected over the window (else the run is simply near
    /// its floor and gaining little is normal)…
    public var plateauMinimumExpectedGain = 0.01
    /// …at every smoothed point over this trailing width (ln x).
    public var plateauSustain = 0.03

    // MARK: Stale

    /// `--stale`: seconds without growth after which an unfinished run is stale.
    public var staleAfterSeconds = 600.0

    // MARK: Events

    /// A point more than this fraction (and 6 noise σ) above the smoothed curve is part of a spike.
    public var spikeFraction = 0.1

    // MARK: Landing projection (see `LandingProjector`)

    /// The run's own curve is fitted over the last (1 − this) of its compute so far (post warm-up).
    public var projectionFitFrom = 0.25
    /// No verdict before the run has done this share of its planned compute (extrapolating over more
    /// than 1/share is guessing).
    public var projectionMinimumProgress = 0.2
    /// Fewest smoothed points the projection fit needs.
    public var projectionMinimumNodes = 6
    /// Relative error of an extrapolation per unit of ln(final / now), added to the fit's own
    /// uncertainty: on the Li et al. 2025 sweep, projecting from half-way (ln 2) missed the final
    /// loss by 1–4 % (median 2.2 %), more than the fit's statistics admit.
    public var extrapolationError = 0.03
    /// Relative half-width of the "on" zone when no envelope band at the final compute is given.
    public var landingTolerance = 0.01
    /// Unmodelled end-of-schedule drop: the projection's interval reaches this fraction lower, times
    /// the share of the planned compute still ahead (cosine/WSD annealing comes at the end).
    public var annealingAllowance = 0.03

    public init() {}
}
