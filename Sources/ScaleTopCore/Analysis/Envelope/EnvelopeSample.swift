import Foundation

/// Envelope points in the coordinates the fits work in: x = ln(C / C₀), y = ln L, and a
/// weight per point (1 for a plain fit, the multiplicity for a bootstrap resample).
///
/// C₀ is the geometric mean of the compute values. Centring ln C keeps x = O(1), so the
/// coefficient a = ln A is not dragged to ±50 by FLOP counts of 1e15–1e25 and the Hessian
/// of the fit stays well conditioned; `EnvelopeFit` converts A back to raw FLOPs.
struct EnvelopeSample: Sendable {
    let logReferenceCompute: Double   // ln C₀
    let x: [Double]
    let y: [Double]
    var weights: [Double]

    init(points: [ComputeLossPoint]) {
        let logCompute = points.map { Foundation.log($0.compute) }
        let centre = logCompute.reduce(0, +) / Double(max(points.count, 1))
        logReferenceCompute = centre
        x = logCompute.map { $0 - centre }
        y = points.map { Foundation.log($0.loss) }
        weights = [Double](repeating: 1, count: points.count)
    }

    var count: Int { x.count }
    var totalWeight: Double { weights.reduce(0, +) }
}
