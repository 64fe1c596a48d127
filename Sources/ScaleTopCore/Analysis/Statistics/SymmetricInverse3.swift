/// The inverse of a symmetric 3×3 matrix from its cofactors, for small normal equations.
enum SymmetricInverse3 {
    /// Inverse of a symmetric 3×3 matrix (nil when singular).
    static func invert(_ m: [[Double]]) -> [[Double]]? {
        let a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][1], e = m[1][2], f = m[2][2]
        let c00 = d * f - e * e, c01 = c * e - b * f, c02 = b * e - c * d
        let det = a * c00 + b * c01 + c * c02
        guard det.isFinite, abs(det) > 1e-300 else { return nil }
        let c11 = a * f - c * c, c12 = b * c - a * e, c22 = a * d - b * b
        return [[c00 / det, c01 / det, c02 / det], [c01 / det, c11 / det, c12 / det], [c02 / det, c12 / det, c22 / det]]
    }
}
