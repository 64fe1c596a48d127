/// How much compute one group's recipe is worth against the baseline's: the compute multiplier
/// m(C) = C_base / C where L_base(C_base) = L_other(C), m > 1 when the other group needs less
/// compute for the same loss.
public struct GroupComparison: Sendable, Equatable {
    /// The multiplier at one compute, with its 10–90 % band over paired bootstrap resamples of
    /// both fits (nil where undefined; `high` is +∞ when more than 10 % of the resamples put the
    /// other group below the baseline's floor E).
    public struct Point: Sendable, Equatable {
        public var compute: Double
        public var multiplier: Double?
        public var low: Double?
        public var high: Double?

        public init(compute: Double, multiplier: Double?, low: Double?, high: Double?) {
            self.compute = compute
            self.multiplier = multiplier
            self.low = low
            self.high = high
        }
    }

    /// How the two laws compared were fitted.
    public enum Method: String, Sendable, Equatable {
        /// Both groups' envelopes in one fit with one irreducible loss E (`SharedFloorFit`).
        case sharedFloor = "shared_floor"
        /// Each group's own envelope fit: its floor differs from the baseline's by more than the
        /// noise explains, or there are too few points for the shared fit.
        case separate
        /// Every point of both groups' runs in one law, L(N, D) for the baseline and the same law
        /// at m(C) times the compute for the other (`RecipeMultiplierFit`): used whenever each
        /// group has runs enough with a parameter count.
        case parametric
    }

    public var baseline: String
    public var other: String
    public var method: Method = .separate
    /// (n − 6)·(f_shared/f_separate − 1) for the shared floor against each group's own (nil
    /// without a shared-floor fit); the shared floor is used below `GroupComparator`'s bound.
    public var separateFloorsEvidence: Double?
    public var target: Double?
    /// m at the target, its band, and why it is missing when it is.
    public var atTarget: Point?
    public var reason: String?
    /// The first compute at which the two fits cross, within `range`; nil when they do not.
    public var crossingFlops: Double?
    /// m over log-spaced computes across `range`.
    public var curve: [Point] = []
    /// The computes compared: from the smaller of the two groups' smallest fitted compute to the
    /// larger of their largest and the target.
    public var range: ClosedRange<Double>?

    public init(baseline: String, other: String, target: Double?) {
        self.baseline = baseline
        self.other = other
        self.target = target
    }

    public var multiplierAtTarget: Double? { atTarget?.multiplier }
}
