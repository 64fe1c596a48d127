import ScaleTopCore

/// The fastest of `repeats` wall-clock timings of `body`, in seconds: on a shared, noisy machine
/// the minimum is the run least disturbed by others.
func fastestTime(of repeats: Int, _ body: () -> Void) -> Double {
    var fastest = Double.infinity
    for _ in 0..<max(repeats, 1) {
        let start = MonotonicClock.now()
        body()
        fastest = min(fastest, MonotonicClock.now() - start)
    }
    return fastest
}
