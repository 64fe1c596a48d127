/// Starting points for the parametric fit: every combination of the listed values.
public struct ParametricStartGrid: Sendable, Equatable {
    public var alphas: [Double]
    public var betas: [Double]
    /// Values of e = ln E.
    public var logE: [Double]
    /// Values of a = ln A.
    public var logA: [Double]
    /// Values of b = ln B.
    public var logB: [Double]

    public init(alphas: [Double], betas: [Double], logE: [Double], logA: [Double], logB: [Double]) {
        self.alphas = alphas
        self.betas = betas
        self.logE = logE
        self.logA = logA
        self.logB = logB
    }

    /// The grid of Hoffmann et al. 2022 kept by Besiroglu et al. 2024: 5·5·5·6·6 = 4500 starts.
    public static let epoch = ParametricStartGrid(
        alphas: [0, 0.5, 1, 1.5, 2], betas: [0, 0.5, 1, 1.5, 2],
        logE: [-1, -0.5, 0, 0.5, 1],
        logA: [0, 5, 10, 15, 20, 25], logB: [0, 5, 10, 15, 20, 25])

    /// A 3·3·3·4·4 = 432-start subset spanning the same ranges, for interactive use where
    /// the full grid is too slow (e.g. debug builds). Not the published procedure.
    public static let coarse = ParametricStartGrid(
        alphas: [0, 1, 2], betas: [0, 1, 2],
        logE: [-1, 0, 1],
        logA: [0, 10, 20, 25], logB: [0, 10, 20, 25])

    public var count: Int { alphas.count * betas.count * logE.count * logA.count * logB.count }

    /// Start vectors in the objective's order [a, b, e, α, β], in a fixed order so that ties
    /// between equally good optima always resolve the same way.
    var starts: [[Double]] {
        var result: [[Double]] = []
        result.reserveCapacity(count)
        for alpha in alphas {
            for beta in betas {
                for e in logE {
                    for a in logA {
                        for b in logB { result.append([a, b, e, alpha, beta]) }
                    }
                }
            }
        }
        return result
    }
}
