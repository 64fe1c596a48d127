import Foundation

/// L(N, D) = E + A/N^α + B/D^β with known coefficients, and its compute-optimal model size
/// found by direct numerical search: an independent check on closed forms and fits.
struct KnownLaw {
    var E: Double, A: Double, B: Double, alpha: Double, beta: Double

    /// Hoffmann et al. 2022, approach 3 (published).
    static let hoffmann = KnownLaw(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)

    func loss(params: Double, tokens: Double) -> Double {
        E + A / pow(params, alpha) + B / pow(tokens, beta)
    }

    /// argmin over N of L(N, C/(6N)) by golden-section search on ln N in [ln 1, ln 1e16]:
    /// the loss along an IsoFLOP line is unimodal in ln N (a sum of a falling and a rising
    /// exponential), so the search cannot end in a wrong basin.
    func optimalParamsBySearch(compute: Double) -> Double {
        let ratio = (sqrt(5.0) - 1) / 2
        var low = 0.0, high = log(1e16)
        func lossAt(_ logParams: Double) -> Double {
            let params = exp(logParams)
            return loss(params: params, tokens: compute / (6 * params))
        }
        while high - low > 1e-10 {
            let left = high - ratio * (high - low), right = low + ratio * (high - low)
            if lossAt(left) < lossAt(right) { high = right } else { low = left }
        }
        return exp((low + high) / 2)
    }
}
