/// One logged point of a run, as written: values not on the line are NaN, except `loss`,
/// which every point has (it may itself be NaN or infinite: a finding, not an absence).
public struct LogPoint: Sendable, Equatable {
    public var step: Double
    public var tokens: Double
    /// FLOPs as logged (NaN when the line had none); see `RunMeta.flops(for:)` for derived FLOPs.
    public var flops: Double
    public var loss: Double
    public var time: Double

    public init(step: Double = .nan, tokens: Double = .nan, flops: Double = .nan, loss: Double, time: Double = .nan) {
        self.step = step
        self.tokens = tokens
        self.flops = flops
        self.loss = loss
        self.time = time
    }

    /// A finite, positive loss: one that can sit on a log axis and enter a fit.
    public var hasUsableLoss: Bool { loss.isFinite && loss > 0 }

    public static func == (a: LogPoint, b: LogPoint) -> Bool {
        func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        return same(a.step, b.step) && same(a.tokens, b.tokens) && same(a.flops, b.flops)
            && same(a.loss, b.loss) && same(a.time, b.time)
    }
}
