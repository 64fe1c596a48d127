/// A plot point in the coordinates a logarithmic axis is linear in: log10 of x and of the loss,
/// −∞ for a value that is not positive (as `LogAxis` maps it).
struct LogScaledPoint: Sendable, Equatable {
    var x: Double
    var loss: Double

    init(_ point: PlotPoint) {
        x = LogAxis.logarithm(point.x)
        loss = LogAxis.logarithm(point.loss)
    }
}
