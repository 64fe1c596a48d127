import Foundation

/// Sum over runs of Huber(LSE(a − α·ln N, b − β·ln D, e) − ln L), the objective of
/// Hoffmann et al. 2022 as corrected by Besiroglu et al. 2024, with its analytic gradient.
///
/// Parameter order: [a, b, e, α, β] with A = eᵃ, B = eᵇ, E = eᵉ. The log-sum-exp form keeps
/// A, B, E positive without bounds and the residuals on the log scale the data spans.
struct ParametricObjective: Sendable {
    static let dimension = 5

    private let logParams: [Double]
    private let logTokens: [Double]
    private let logLoss: [Double]
    private let huber: HuberLoss

    init(logParams: [Double], logTokens: [Double], logLoss: [Double], huber: HuberLoss) {
        precondition(logParams.count == logTokens.count && logTokens.count == logLoss.count)
        self.logParams = logParams
        self.logTokens = logTokens
        self.logLoss = logLoss
        self.huber = huber
    }

    /// f(x), writing ∇f into `gradient`. This is the hot loop of 4500 local fits, so it is
    /// written for unoptimised (debug) builds too: raw pointers, a `while` loop and explicit
    /// comparisons, because there generic calls such as the variadic `max(_:_:_:)` (which
    /// allocates) or range iteration cost more than the arithmetic.
    func evaluate(_ x: [Double], gradient: inout [Double]) -> Double {
        let a = x[0], b = x[1], e = x[2], alpha = x[3], beta = x[4]
        let delta = huber.delta
        var total = 0.0
        var ga = 0.0, gb = 0.0, ge = 0.0, gAlpha = 0.0, gBeta = 0.0
        logParams.withUnsafeBufferPointer { lnNBuffer in
            logTokens.withUnsafeBufferPointer { lnDBuffer in
                logLoss.withUnsafeBufferPointer { lnLBuffer in
                    guard var lnN = lnNBuffer.baseAddress, var lnD = lnDBuffer.baseAddress,
                          var lnL = lnLBuffer.baseAddress else { return }
                    let end = lnN + lnNBuffer.count
                    while lnN < end {
                        let logParams = lnN.pointee, logTokens = lnD.pointee
                        let u = a - alpha * logParams
                        let v = b - beta * logTokens
                        // Log-sum-exp about the largest term, whose weight exp(0) = 1 needs no call.
                        let top: Double, wu: Double, wv: Double, we: Double
                        if u >= v && u >= e {
                            top = u; wu = 1; wv = Foundation.exp(v - u); we = Foundation.exp(e - u)
                        } else if v >= e {
                            top = v; wu = Foundation.exp(u - v); wv = 1; we = Foundation.exp(e - v)
                        } else {
                            top = e; wu = Foundation.exp(u - e); wv = Foundation.exp(v - e); we = 1
                        }
                        let sum = wu + wv + we
                        let residual = top + Foundation.log(sum) - lnL.pointee
                        let slope: Double
                        if residual > delta {
                            total += delta * (residual - 0.5 * delta)
                            slope = delta
                        } else if residual < -delta {
                            total += delta * (-residual - 0.5 * delta)
                            slope = -delta
                        } else {
                            total += 0.5 * residual * residual
                            slope = residual
                        }
                        // ∂LSE/∂(term) is that term's softmax weight.
                        let scale = slope / sum
                        let du = scale * wu, dv = scale * wv
                        ga += du
                        gb += dv
                        ge += scale * we
                        gAlpha -= du * logParams
                        gBeta -= dv * logTokens
                        lnN += 1
                        lnD += 1
                        lnL += 1
                    }
                }
            }
        }
        gradient[0] = ga
        gradient[1] = gb
        gradient[2] = ge
        gradient[3] = gAlpha
        gradient[4] = gBeta
        return total
    }
}
