/// The k-th smallest of the first `count` values of a buffer in linear expected time (Hoare's
/// selection with a median-of-three pivot), reordering them: what a median needs, without the
/// sort that costs n log n.
public enum Quickselect {
    /// The `k`-th smallest (0-based) of `b[0..<count]`.
    public static func select(_ b: UnsafeMutableBufferPointer<Double>, count: Int, k: Int) -> Double {
        var lo = 0, hi = count - 1
        while hi > lo {
            if hi - lo < 16 {
                // Insertion sort of the last few.
                for i in (lo + 1)...hi {
                    let v = b[i]
                    var j = i - 1
                    while j >= lo, b[j] > v {
                        b[j + 1] = b[j]
                        j -= 1
                    }
                    b[j + 1] = v
                }
                return b[k]
            }
            let mid = lo + (hi - lo) / 2
            if b[mid] < b[lo] { b.swapAt(mid, lo) }
            if b[hi] < b[lo] { b.swapAt(hi, lo) }
            if b[hi] < b[mid] { b.swapAt(hi, mid) }
            let pivot = b[mid]
            var i = lo, j = hi
            while i <= j {
                while b[i] < pivot { i += 1 }
                while b[j] > pivot { j -= 1 }
                if i <= j {
                    b.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return b[k] }
        }
        return b[k]
    }

    /// The median of `b[0..<count]` (the mean of the two middle values when `count` is even).
    public static func median(_ b: UnsafeMutableBufferPointer<Double>, count: Int) -> Double {
        guard count > 0 else { return .nan }
        let upper = select(b, count: count, k: count / 2)
        guard count % 2 == 0 else { return upper }
        // The largest of the lower half, which selection left below `count / 2`.
        var lower = -Double.infinity
        for i in 0..<(count / 2) { lower = max(lower, b[i]) }
        return 0.5 * (lower + upper)
    }
}
