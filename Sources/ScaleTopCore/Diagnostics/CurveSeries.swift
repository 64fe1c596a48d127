import Foundation

/// A run's points as the diagnostics read them: one x per point (FLOPs when the run has them, else
/// tokens, else steps), the loss as logged (NaN and infinities included, so the latest point tells
/// whether the run blew up), the step, and the planned end on the same x axis.
public struct CurveSeries: Sendable, Equatable {
    public enum Axis: String, Sendable { case flops, tokens, steps }

    public var axis: Axis
    public var x: [Double]
    public var loss: [Double]
    /// NaN where not logged.
    public var step: [Double]
    /// The planned end on `axis`, if known.
    public var plannedX: Double?
    /// The planned number of steps, if known (a run that reaches it is finished whatever its x).
    public var plannedSteps: Double?

    public init(axis: Axis, x: [Double], loss: [Double], step: [Double]? = nil, plannedX: Double? = nil, plannedSteps: Double? = nil) {
        precondition(x.count == loss.count, "one x per loss")
        self.axis = axis
        self.x = x
        self.loss = loss
        self.step = step ?? [Double](repeating: .nan, count: x.count)
        self.plannedX = plannedX
        self.plannedSteps = plannedSteps
    }

    /// The stored points of `run` on its best axis.
    public init(run: Run) {
        let meta = run.meta
        let axis = Self.axis(of: run)
        let planned: Double? = switch axis {
        case .flops: meta.plannedFlops
        case .tokens: meta.plannedTokens
        case .steps: meta.totalSteps
        }
        self.init(axis: axis, x: [], loss: [], step: [], plannedX: planned, plannedSteps: meta.totalSteps)
        append(run.curve, from: 0, meta: meta)
    }

    /// The axis `CurveSeries(run:)` reads the run on: FLOPs when its latest point has them, else
    /// tokens, else steps.
    static func axis(of run: Run) -> Axis {
        let sample = run.last ?? (run.curve.isEmpty ? nil : run.curve[0])
        if let sample, run.meta.flops(for: sample) != nil { return .flops }
        if let sample, run.meta.tokens(for: sample) != nil { return .tokens }
        return .steps
    }

    /// Appends the stored points `curve[start...]` that have a usable x on this axis.
    mutating func append(_ curve: CurveStore, from start: Int, meta: RunMeta) {
        if x.isEmpty {
            // Room for them all at once (later, a few points at a time: the arrays grow as usual).
            x.reserveCapacity(curve.count)
            loss.reserveCapacity(curve.count)
            step.reserveCapacity(curve.count)
        }
        for k in start..<max(start, curve.count) {
            let point = curve[k]
            let value: Double? = switch axis {
            case .flops: meta.flops(for: point)
            case .tokens: meta.tokens(for: point)
            case .steps: point.step.isFinite ? point.step : nil
            }
            guard let value, value.isFinite, value > 0 else { continue }
            x.append(value)
            loss.append(point.loss)
            step.append(point.step)
        }
    }

    public var count: Int { x.count }

    /// The first `n` points (what the run looked like earlier).
    public func prefix(_ n: Int) -> CurveSeries {
        var copy = self
        copy.x = Array(x.prefix(n))
        copy.loss = Array(loss.prefix(n))
        copy.step = Array(step.prefix(n))
        return copy
    }

    /// True when the latest point reached the planned steps or x.
    public var reachedPlannedEnd: Bool {
        guard let lastX = x.last else { return false }
        if let steps = plannedSteps, RunStatusVerdict.reachedPlannedSteps(steps, recentSteps: Array(step.suffix(5))) { return true }
        if let planned = plannedX, lastX >= planned * 0.999 { return true }
        return false
    }

    /// "step 1234", or the x value when the step is unknown.
    func describe(_ i: Int) -> String {
        if step[i].isFinite { return "step \(Int(step[i]))" }
        return "\(axis.rawValue) \(NumberText.short(x[i]))"
    }
}
