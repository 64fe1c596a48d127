/// One training run reduced to where it ended: the input of the IsoFLOP analysis
/// (approach 2), the parametric fit (approach 3) and the Kaplan single-variable fits.
public struct RunFinalPoint: Sendable, Hashable {
    /// Parameter count N.
    public var params: Double
    /// Training tokens D.
    public var tokens: Double
    /// Training compute C in FLOPs.
    public var flops: Double
    /// Final loss L.
    public var loss: Double
    /// The run it came from, when known (the report names the points a fit left out).
    public var run: String?

    public init(params: Double, tokens: Double, flops: Double, loss: Double) {
        self.params = params
        self.tokens = tokens
        self.flops = flops
        self.loss = loss
    }

    /// A point whose compute is unknown, using the usual estimate C ≈ 6·N·D.
    public init(params: Double, tokens: Double, loss: Double) {
        self.init(params: params, tokens: tokens, flops: 6 * params * tokens, loss: loss)
    }

    /// Positive, finite N, D and L: the logs the fits take exist.
    public var isUsable: Bool {
        params > 0 && tokens > 0 && loss > 0 && params.isFinite && tokens.isFinite && loss.isFinite
    }
}
