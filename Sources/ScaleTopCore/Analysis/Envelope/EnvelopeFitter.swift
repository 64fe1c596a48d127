/// Keeps an `EnvelopeFit` current as the envelope grows, doing as little work as possible.
///
/// `update(points:)` decides, in order:
/// 1. Same envelope as last time (equal point lists): no fit, `skipped` += 1.
/// 2. No previous fit, or `fullRefitInterval` changes since the last full fit: full multi-start.
/// 3. Otherwise a warm fit from the previous optimum (`warmFits` += 1). If its mean objective
///    per point exceeds the previous fit's by more than `worseningTolerance` (relative) plus
///    `worseningFloor` (absolute, so a fit that was near-exact does not trigger on rounding), the
///    warm optimum is suspect (the data may have moved to another basin): a full multi-start
///    runs too and the lower objective of the two is kept.
///
/// Mean, not total, objective: the total grows with every new point even when the fit is as good.
/// A value type: a background task can own it, call `update`, and publish the `fit` it returns.
public struct EnvelopeFitter: Sendable {
    public var solver: EnvelopeFitSolver
    /// Changes of the envelope after which a full multi-start is forced.
    public var fullRefitInterval: Int
    public var worseningTolerance: Double
    public var worseningFloor: Double

    public private(set) var fit: EnvelopeFit?
    public private(set) var fullFits = 0
    public private(set) var warmFits = 0
    public private(set) var skipped = 0
    /// Wall time of the last fit that ran (skips do not count), in milliseconds.
    public private(set) var lastRefitMilliseconds: Double?

    private var lastPoints: [ComputeLossPoint]?
    private var changesSinceFullFit = 0

    public init(
        options: EnvelopeFitOptions = EnvelopeFitOptions(), fullRefitInterval: Int = 20,
        worseningTolerance: Double = 0.1, worseningFloor: Double = 1e-12
    ) {
        solver = EnvelopeFitSolver(options: options)
        self.fullRefitInterval = max(1, fullRefitInterval)
        self.worseningTolerance = worseningTolerance
        self.worseningFloor = worseningFloor
    }

    /// Brings the fit up to date with `points` (the whole current envelope) and returns it.
    @discardableResult
    public mutating func update(points: [ComputeLossPoint]) -> EnvelopeFit? {
        if points == lastPoints {
            skipped += 1
            return fit
        }
        lastPoints = points
        changesSinceFullFit += 1
        let clock = ContinuousClock()
        let started = clock.now
        defer { lastRefitMilliseconds = milliseconds(clock.now - started) }

        guard let previous = fit, changesSinceFullFit < fullRefitInterval else {
            fit = fullFit(points)
            return fit
        }
        warmFits += 1
        guard let warm = solver.refit(points, from: previous) else {
            fit = nil
            return nil
        }
        if warm.meanObjective > (1 + worseningTolerance) * previous.meanObjective + worseningFloor,
           let full = fullFit(points), full.objective < warm.objective {
            fit = full
        } else {
            fit = warm
        }
        return fit
    }

    private mutating func fullFit(_ points: [ComputeLossPoint]) -> EnvelopeFit? {
        fullFits += 1
        changesSinceFullFit = 0
        return solver.fit(points)
    }

    private func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1e3 + Double(parts.attoseconds) * 1e-15
    }
}
