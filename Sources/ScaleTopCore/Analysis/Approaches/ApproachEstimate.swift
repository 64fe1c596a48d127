import Foundation

/// One Chinchilla approach's answer to "how should N and D grow with compute": N_opt ∝ C^a,
/// D_opt ∝ C^b, and the N and D it gives at the target.
public struct ApproachEstimate: Sendable, Equatable {
    public var a: Double
    public var b: Double
    public var paramsAtTarget: Double?
    public var tokensAtTarget: Double?

    public init(a: Double, b: Double, paramsAtTarget: Double? = nil, tokensAtTarget: Double? = nil) {
        self.a = a
        self.b = b
        self.paramsAtTarget = paramsAtTarget
        self.tokensAtTarget = tokensAtTarget
    }
}

/// 80 % bootstrap intervals of the parametric fit (10th and 90th percentiles over resamples).
public struct ParametricIntervals: Sendable, Equatable {
    public var alpha: ClosedRange<Double>
    public var beta: ClosedRange<Double>
    public var a: ClosedRange<Double>
    public var E: ClosedRange<Double>
    /// Resamples whose refit converged (of those drawn).
    public var resamples: Int

    public init(alpha: ClosedRange<Double>, beta: ClosedRange<Double>, a: ClosedRange<Double>, E: ClosedRange<Double>, resamples: Int) {
        self.alpha = alpha
        self.beta = beta
        self.a = a
        self.E = E
        self.resamples = resamples
    }
}

/// Chinchilla's three estimates side by side (Hoffmann et al. 2022, Table 3), and which one the
/// optimum at the target comes from.
public struct ChinchillaApproaches: Sendable, Equatable {
    /// Approach 1: the N of the runs on the compute envelope against C.
    public var envelope: ApproachEstimate?
    /// Approach 2: the IsoFLOP vertices.
    public var isoflop: ApproachEstimate?
    /// Approach 3: the parametric fit, with its bootstrap intervals.
    public var parametric: ApproachEstimate?
    public var parametricIntervals: ParametricIntervals?

    public init(envelope: ApproachEstimate? = nil, isoflop: ApproachEstimate? = nil, parametric: ApproachEstimate? = nil, parametricIntervals: ParametricIntervals? = nil) {
        self.envelope = envelope
        self.isoflop = isoflop
        self.parametric = parametric
        self.parametricIntervals = parametricIntervals
    }

    public enum Source: String, Sendable {
        case isoflop, parametric, envelope
    }

    /// The approach the optimum at the target is taken from: IsoFLOP when three or more budgets
    /// have their vertex inside the N they tried (the most direct measurement); else the
    /// parametric fit when it converged on runs spanning at least a decade of N and of D; else
    /// the envelope. Nil when none applies. Converged: identifiable, and, where its bootstrap
    /// intervals are known, `a` pinned to within `convergedWidth` (five parameters fitted to a
    /// handful of points can reach almost any optimum).
    public static func source(isoflop: IsoFLOPAnalysis?, parametric: ParametricFit?, intervals: ParametricIntervals? = nil,
                              finals: [RunFinalPoint], envelope: ApproachEstimate?) -> Source? {
        if let isoflop, isoflop.a != nil, isoflop.budgets.filter({ !$0.atEdge && $0.paramsOpt != nil }).count >= 3 {
            return .isoflop
        }
        let pinned = intervals.map { $0.a.upperBound - $0.a.lowerBound <= convergedWidth } ?? true
        if let parametric, parametric.isIdentifiable, pinned, spansADecade(finals.map(\.params)), spansADecade(finals.map(\.tokens)) {
            return .parametric
        }
        if envelope?.paramsAtTarget != nil { return .envelope }
        if parametric?.isIdentifiable == true { return .parametric }
        if isoflop?.a != nil { return .isoflop }
        return nil
    }

    /// The widest 80 % interval of the parametric `a` that still counts as converged.
    public static let convergedWidth = 0.2

    static func spansADecade(_ values: [Double]) -> Bool {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let low = positive.min(), let high = positive.max() else { return false }
        return high >= 10 * low
    }
}
