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

    public var baseline: String
    public var other: String
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
