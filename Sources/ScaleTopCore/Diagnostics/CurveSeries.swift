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
        let curve = run.curve
        let sample = run.last ?? (curve.isEmpty ? nil : curve[0])
        let axis: Axis
        if let sample, meta.flops(for: sample) != nil { axis = .flops }
        else if let sample, meta.tokens(for: sample) != nil { axis = .tokens }
        else { axis = .steps }
        var x: [Double] = []
        var loss: [Double] = []
        var step: [Double] = []
        x.reserveCapacity(curve.count)
        loss.reserveCapacity(curve.count)
        step.reserveCapacity(curve.count)
        for k in 0..<curve.count {
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
        let planned: Double? = switch axis {
        case .flops: meta.plannedFlops
        case .tokens: meta.plannedTokens
        case .steps: meta.totalSteps
        }
        self.init(axis: axis, x: x, loss: loss, step: step, plannedX: planned, plannedSteps: meta.totalSteps)
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
