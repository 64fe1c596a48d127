import ScaleTopCore

/// One logged point of a simulated run, before it is formatted as a line.
public struct SimulatedPoint: Sendable, Equatable {
    public var step: Int
    public var tokens: Int
    /// NaN once a diverging run has blown up.
    public var loss: Double
    public var learningRate: Double
    /// Seconds since the run's first line, at speed 1.
    public var elapsedSeconds: Double

    public init(step: Int, tokens: Int, loss: Double, learningRate: Double, elapsedSeconds: Double) {
        self.step = step
        self.tokens = tokens
        self.loss = loss
        self.learningRate = learningRate
        self.elapsedSeconds = elapsedSeconds
    }
}
