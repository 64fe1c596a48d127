/// Least-squares parabola y = c₀ + c₁·x + c₂·x².
public struct ParabolaFit: Sendable, Equatable {
    public var constant: Double
    public var linear: Double
    public var quadratic: Double

    public init(constant: Double, linear: Double, quadratic: Double) {
        self.constant = constant
        self.linear = linear
        self.quadratic = quadratic
    }

    /// Nil with fewer than three distinct x (the parabola is not determined).
    ///
    /// Solved in centred, scaled coordinates t = (x − x̄)/s, where the normal equations are well
    /// conditioned (raw ln N ≈ 15–25 would square to 625 beside 1), then mapped back to x.
    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count)
        guard Set(x).count >= 3 else { return nil }
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let scale = max(x.map { abs($0 - mean) }.max() ?? 1, .leastNormalMagnitude)
        // Normal equations M·c = v for the basis (1, t, t²).
        var moments = [Double](repeating: 0, count: 5)  // Σ t^k, k = 0…4
        var v = [0.0, 0.0, 0.0]
        for index in 0..<x.count {
            let t = (x[index] - mean) / scale
            var power = 1.0
            for k in 0..<5 {
                moments[k] += power
                if k < 3 { v[k] += power * y[index] }
                power *= t
            }
        }
        let matrix = [
            [moments[0], moments[1], moments[2]],
            [moments[1], moments[2], moments[3]],
            [moments[2], moments[3], moments[4]],
        ]
        guard let c = solve3x3(matrix, v) else { return nil }
        // y = c0 + c1·t + c2·t², t = (x − m)/s  ⇒  expand in x.
        let q = c[2] / (scale * scale)
        quadratic = q
        linear = c[1] / scale - 2 * q * mean
        constant = c[0] - c[1] * mean / scale + q * mean * mean
    }

    public func value(at x: Double) -> Double { constant + x * (linear + x * quadratic) }

    /// The x of the minimum, or nil when the parabola opens downward or is flat (no minimum).
    public var minimumLocation: Double? {
        quadratic > 0 ? -linear / (2 * quadratic) : nil
    }
}

/// Gaussian elimination with partial pivoting; nil for a (numerically) singular matrix.
private func solve3x3(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
    var a = matrix, b = vector
    for column in 0..<3 {
        let pivot = (column..<3).max { abs(a[$0][column]) < abs(a[$1][column]) }!
        guard abs(a[pivot][column]) > 1e-12 * max(1, abs(a[0][0])) else { return nil }
        a.swapAt(column, pivot)
        b.swapAt(column, pivot)
        for row in (column + 1)..<3 {
            let factor = a[row][column] / a[column][column]
            for k in column..<3 { a[row][k] -= factor * a[column][k] }
            b[row] -= factor * b[column]
        }
    }
    var x = [0.0, 0.0, 0.0]
    for row in stride(from: 2, through: 0, by: -1) {
        var sum = b[row]
        for k in (row + 1)..<3 { sum -= a[row][k] * x[k] }
        x[row] = sum / a[row][row]
    }
    return x
}
