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

    /// The smoother, the plateau and divergence rules and the projection read at most this many of
    /// a run's points (every k-th and the latest): a run logged 8,192 times costs what one of
    /// 1,024 does, with the statistical power of 1,024 points.
    public var trendPoints = 1024

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

    // MARK: Gross rise (see `GrossRiseRule`)

    /// A three-point median loss this many times its best so far…
    public var grossRiseFactor = 2.0
    /// …at this many consecutive points (or as many non-finite losses in a row) is `diverged`,
    /// whatever the warm-up, the smoothing window or the noise estimate say.
    public var grossRiseRun = 3

    // MARK: Episodes (see `RunEpisodes`)

    /// A spike is kept as an episode when its peak stands this many times above the smoothed curve.
    public var episodeSpikeRatio = 1.5
    /// Prefixes at which a finished run's history is looked at again for plateaus it went through.
    public var episodeReplayCheckpoints = 20
    /// Points the replay looks at (the run thinned evenly to at most this many).
    public var episodeReplayPoints = 400

    // MARK: Plateau (see `PlateauRule`)

    /// The observation windows, as fractions of the compute so far: five windows spanning this range
    /// end at the latest point; over each, a broken-line fit to the raw points compares the window's
    /// slope of ln L against ln C with the trend before it (and the envelope).
    public var plateauWindow: ClosedRange<Double> = 0.2...0.5
    /// A plateau gained less than this share of the expected gain (a run that merely slowed keeps
    /// well above it; README, "Measurements behind the defaults")…
    public var plateauGainShare = 0.25
    /// …and (expected − observed gain) is more than this many standard errors of the fit (every
    /// prefix of a run is tested over five windows, so the bound sits above what healthy runs
    /// reach; README, "Measurements behind the defaults")…
    public var plateauZ = 4.0
    /// …while at least this relative gain was expected over the window (else the run is simply near
    /// its floor and gaining little is normal)…
    public var plateauMinimumExpectedGain = 0.01
    /// …at every smoothed point over this trailing width (ln x; 0 = at the latest point alone, the
    /// fit already pools every point of the window)…
    public var plateauSustain = 0.0
    /// …and no plateau is called past this share of the planned compute (runs with a plan): the end
    /// of a cosine or linear decay gains little once the rate nears its floor. Rises still are.
    public var plateauScheduleEnd = 0.9

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
