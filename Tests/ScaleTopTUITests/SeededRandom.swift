/// A small deterministic generator (a 64-bit LCG), so a failing test names the input it made.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(UInt64(1) << 53)
    }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        min(bound - 1, Int(unit() * Double(bound)))
    }
}
