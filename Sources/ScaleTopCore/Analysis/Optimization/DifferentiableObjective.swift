/// An objective with its gradient: returns f(x) and overwrites `gradient` with ∇f(x).
/// `gradient` arrives with `x.count` elements; the function must not resize it.
public typealias DifferentiableObjective = (_ x: [Double], _ gradient: inout [Double]) -> Double
