/// A uniform index in [0, n) by multiply-shift (Lemire 2019). The bias (< n/2⁶⁴) is irrelevant
/// here, and unlike `Int.random(in:using:)` the mapping is fixed by this code, so a seeded
/// generator (the module's `SplitMix64`) always yields the same bootstrap resamples.
func uniformIndex<Generator: RandomNumberGenerator>(below n: Int, using generator: inout Generator) -> Int {
    precondition(n > 0)
    return Int(generator.next().multipliedFullWidth(by: UInt64(n)).high)
}
