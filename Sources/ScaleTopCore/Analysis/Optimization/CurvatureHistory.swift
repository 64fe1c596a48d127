/// The (s, y) pairs of L-BFGS and the two-loop recursion that applies the implied
/// inverse-Hessian estimate to a vector (Nocedal & Wright, algorithm 7.4).
///
/// Pairs live in flat ring buffers rather than arrays of arrays: the parametric fit runs this
/// hundreds of thousands of times, and in debug builds nested-array access (a retain and a
/// bounds check per element) cost as much as the objective itself.
struct CurvatureHistory {
    private let capacity: Int
    private let dimension: Int
    private var steps: [Double]             // s_k = x_{k+1} − x_k, pair k at k·dimension
    private var changes: [Double]           // y_k = g_{k+1} − g_k
    private var inverseCurvatures: [Double] // ρ_k = 1 / (y_k · s_k)
    private var alphas: [Double]
    private var oldest = 0                  // ring slot of the oldest pair
    private(set) var count = 0

    init(capacity: Int, dimension: Int) {
        self.capacity = max(1, capacity)
        self.dimension = dimension
        steps = [Double](repeating: 0, count: self.capacity * dimension)
        changes = steps
        inverseCurvatures = [Double](repeating: 0, count: self.capacity)
        alphas = inverseCurvatures
    }

    var isEmpty: Bool { count == 0 }

    mutating func removeAll() {
        oldest = 0
        count = 0
    }

    /// Keeps the pair only when y·s > 0 (curvature along the step); otherwise the update
    /// would make the estimate indefinite, so it is skipped.
    mutating func record(from old: [Double], to new: [Double], gradient: [Double], newGradient: [Double]) {
        let slot = (oldest + count) % capacity
        let base = slot * dimension
        var curvature = 0.0, stepNorm = 0.0, changeNorm = 0.0
        steps.withUnsafeMutableBufferPointer { s in
            changes.withUnsafeMutableBufferPointer { y in
                for index in 0..<dimension {
                    let step = new[index] - old[index]
                    let change = newGradient[index] - gradient[index]
                    s[base + index] = step
                    y[base + index] = change
                    curvature += step * change
                    stepNorm += step * step
                    changeNorm += change * change
                }
            }
        }
        guard curvature > 1e-12 * (stepNorm * changeNorm).squareRoot() else { return }
        inverseCurvatures[slot] = 1 / curvature
        if count == capacity { oldest = (oldest + 1) % capacity } else { count += 1 }
    }

    /// result = H·vector. With no history, H is the identity scaled so the first step has unit
    /// length (the parameters here are O(1)–O(10), so a unit trial step is a sensible start).
    mutating func applyInverseHessian(to vector: [Double], into result: inout [Double]) {
        let dimension = self.dimension, capacity = self.capacity, oldest = self.oldest, count = self.count
        for index in 0..<dimension { result[index] = vector[index] }
        if count == 0 {
            var norm = 0.0
            for index in 0..<dimension { norm += vector[index] * vector[index] }
            norm = norm.squareRoot()
            if norm > 0 { for index in 0..<dimension { result[index] /= norm } }
            return
        }
        let rho = inverseCurvatures
        alphas.withUnsafeMutableBufferPointer { alphas in
            steps.withUnsafeBufferPointer { s in
                changes.withUnsafeBufferPointer { y in
                    result.withUnsafeMutableBufferPointer { r in
                        var pair = count - 1
                        while pair >= 0 {
                            let slot = (oldest + pair) % capacity, base = slot * dimension
                            var dot = 0.0
                            for index in 0..<dimension { dot += s[base + index] * r[index] }
                            let alpha = rho[slot] * dot
                            alphas[slot] = alpha
                            for index in 0..<dimension { r[index] -= alpha * y[base + index] }
                            pair -= 1
                        }
                        // Initial scaling γ = s·y / y·y of the newest pair (Nocedal & Wright 7.20).
                        let newest = ((oldest + count - 1) % capacity) * dimension
                        var sy = 0.0, yy = 0.0
                        for index in 0..<dimension {
                            sy += s[newest + index] * y[newest + index]
                            yy += y[newest + index] * y[newest + index]
                        }
                        let gamma = sy / yy
                        for index in 0..<dimension { r[index] *= gamma }
                        for pair in 0..<count {
                            let slot = (oldest + pair) % capacity, base = slot * dimension
                            var dot = 0.0
                            for index in 0..<dimension { dot += y[base + index] * r[index] }
                            let beta = rho[slot] * dot
                            for index in 0..<dimension { r[index] += (alphas[slot] - beta) * s[base + index] }
                        }
                    }
                }
            }
        }
    }
}
