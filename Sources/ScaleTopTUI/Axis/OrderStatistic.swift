extension Array where Element: Comparable {
    /// The element that sorting would put at `rank` (0 is the smallest), found without sorting:
    /// Hoare's selection (FIND), linear time on average. Reorders the array on the way. Every
    /// element must be ordered by `<` (no NaN).
    mutating func orderStatistic(_ rank: Int) -> Element {
        precondition(indices.contains(rank), "rank \(rank) outside 0..<\(count)")
        var low = 0, high = count - 1
        while low < high {
            // The median of three as the pivot: sorted and reversed input stay linear.
            let a = self[low], b = self[low + (high - low) / 2], c = self[high]
            let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
            var i = low, j = high
            repeat {
                while self[i] < pivot { i += 1 }
                while pivot < self[j] { j -= 1 }
                if i <= j {
                    swapAt(i, j)
                    i += 1
                    j -= 1
                }
            } while i <= j
            // Now low...j ≤ pivot ≤ i...high, and anything between j and i equals the pivot.
            if j < rank { low = i }
            if rank < i { high = j }
        }
        return self[rank]
    }
}
