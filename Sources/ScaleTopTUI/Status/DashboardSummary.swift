import Foundation
import ScaleTopCore

/// The numbers of the header and fit lines, taken once from the sweep and analysis: the same
/// values `report --json` prints, formatted for people.
public struct DashboardSummary: Sendable, Equatable {
    public var sourceLabel = ""
    public var runs = 0
    public var running = 0
    /// The logs are still being read: statuses wait until they are.
    public var reading = false
    public var targetFlops: Double?
    public var badLines = 0
    public var filesWatched = 0
    public var secondsSinceUpdate: Double?
    public var notice: String?
    /// Remote hosts that are down, shown in the header (`gpu1 unreachable, retrying in 4 s`).
    public var hostProblem: String?
    /// E, A (raw FLOPs; may overflow, hence ln A), alpha; nil without a fit.
    public var fitE: Double?
    public var fitLogA: Double?
    public var fitAlpha: Double?
    public var fitPoints = 0
    public var isPurePowerLaw = false
    public var refitMilliseconds: Double?
    public var lossAtTarget: Double?
    public var band: ClosedRange<Double>?
    /// Why the band is wider than the bootstrap alone (`E not identifiable`), or nil.
    public var bandCaveat: String?
    /// Why there is no loss at the target although there is a fit (`no extrapolation: …`), or nil.
    public var extrapolationWithheld: String?
    public var optimalParams: Double?
    public var optimalTokens: Double?
    public var optimalSource: String?
    /// Why results are missing (`SweepNotes`): the fit line says the one it would show.
    public var notes: [String] = []
    /// What the optimum at the target needs, in short, when it is missing.
    public var optimalNeed: String?
    /// A compared sweep: each group against the baseline, in words (`ComparisonText.line`).
    public var comparisons: [String] = []
    /// In a sweep of groups, the group the fit line is fitted to (the baseline).
    public var fitGroup: String?

    public init() {}

    public static func make(sweep: Sweep, analysis: SweepAnalysis, rows: [RunRow], context: DashboardContext) -> DashboardSummary {
        var s = DashboardSummary()
        s.sourceLabel = TextSanitizer.clean(context.sourceLabel)
        s.runs = rows.count
        s.running = rows.filter { $0.status == .running && !$0.isBeingRead }.count
        s.reading = context.readingBacklog
        s.targetFlops = context.targetFlops
        s.badLines = sweep.lineCounts.bad
        s.filesWatched = context.filesWatched ?? sweep.sources.count
        s.secondsSinceUpdate = context.secondsSinceUpdate
        s.notice = context.notice.map(TextSanitizer.clean)
        s.hostProblem = context.hostProblem.map(TextSanitizer.clean)
        if let fit = analysis.envelopeFit {
            s.fitE = fit.E
            s.fitLogA = fit.logA
            s.fitAlpha = fit.alpha
            s.fitPoints = fit.points
            s.isPurePowerLaw = fit.isPurePowerLaw
        }
        s.refitMilliseconds = analysis.lastRefitMilliseconds
        s.lossAtTarget = analysis.lossAtTarget(context.targetFlops)
        if let band = analysis.band, band.low <= band.high { s.band = band.low...band.high }
        s.bandCaveat = analysis.bandWidenedBecause
        s.extrapolationWithheld = analysis.extrapolationWithheld.map { "no extrapolation: \($0)" }
        s.optimalParams = analysis.optimal?.params
        s.optimalTokens = analysis.optimal?.tokens
        s.optimalSource = analysis.optimalSource
        s.fitGroup = analysis.scopeGroup.map { TextSanitizer.clean($0) }
        s.comparisons = analysis.grouped?.comparisons.map { TextSanitizer.clean(ComparisonText.line($0)) } ?? []
        s.notes = SweepNotes.notes(sweep: sweep, analysis: analysis, targetFlops: context.targetFlops).map(TextSanitizer.clean)
        if context.targetFlops != nil, analysis.optimal == nil, !analysis.parametricPending {
            let finals = analysis.finals.filter(\.isUsable).count
            let budgets = analysis.isoflop?.budgetsInScaling ?? 0
            s.optimalNeed = "needs \(ParametricFitter.minimumRuns) final points (have \(finals)) or IsoFLOP optima at 2 budgets (have \(budgets))"
        }
        return s
    }

    /// The note on `result` (`fit`, `optimal_at_target`...) without its label, if any.
    public func note(on result: String) -> String? {
        notes.first { $0.hasPrefix(result + ": ") }.map { String($0.dropFirst(result.count + 2)) }
    }

    /// `2s ago`, `3m ago`, `2h ago`.
    public static func age(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "no data yet" }
        let s = max(0, Int(seconds))
        if s < 60 { return "updated \(s)s ago" }
        if s < 3600 { return "updated \(s / 60)m ago" }
        if s < 86_400 { return "updated \(s / 3600)h ago" }
        return "updated \(s / 86_400)d ago"
    }

    /// Seconds from `seconds` until `age(seconds)` reads differently: the label counts seconds
    /// for the first minute, then minutes, hours and days, so an idle view wakes less and less.
    public static func secondsUntilAgeChanges(_ seconds: Double) -> Double {
        guard seconds.isFinite else { return .infinity }
        let s = max(0, seconds)
        let unit: Double = s < 60 ? 1 : s < 3600 ? 60 : s < 86_400 ? 3600 : 86_400
        return unit - s.truncatingRemainder(dividingBy: unit)
    }

    /// A written in decimal even when it overflows a Double: `2.9e3`, or `e^812.3`.
    static func prefactor(logA: Double) -> String {
        let decimalExponent = logA / log(10)
        guard decimalExponent.isFinite else { return "?" }
        if abs(decimalExponent) < 300 { return NumberText.short(exp(logA)) }
        let whole = floor(decimalExponent)
        let mantissa = pow(10, decimalExponent - whole)
        return "\(NumberText.fixed(mantissa, digits: 1))e\(Int(whole))"
    }
}
