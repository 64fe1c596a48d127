/// One point of the lower compute envelope: the best loss reached at a given compute.
public struct ComputeLossPoint: Sendable, Hashable {
    /// Training compute C in FLOPs.
    public var compute: Double
    /// Loss L.
    public var loss: Double

    public init(compute: Double, loss: Double) {
        self.compute = compute
        self.loss = loss
    }

    /// Positive and finite, so ln C and ln L exist.
    var isUsable: Bool { compute > 0 && loss > 0 && compute.isFinite && loss.isFinite }
}
