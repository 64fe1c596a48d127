/// The q-quantile of `values` by linear interpolation between order statistics
/// (type 7 of Hyndman & Fan, the default of NumPy and R). Nil for an empty input. On or next to
/// an infinite order statistic it is that infinity (a resample with no finite answer).
func quantile(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let position = min(max(q, 0), 1) * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    if fraction == 0 || sorted[lower].isInfinite { return sorted[lower] }
    if sorted[upper].isInfinite { return sorted[upper] }
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
}
