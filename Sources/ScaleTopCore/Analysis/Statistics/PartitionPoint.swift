extension RandomAccessCollection where Index == Int {
    /// The first index whose element does not satisfy `isBefore`, by binary search: the
    /// elements that satisfy it must form a prefix (a sorted array and `{ $0 < value }` gives the
    /// lower bound of `value`, `{ $0 <= value }` its upper bound). `endIndex` when all do.
    func partitionPoint(where isBefore: (Element) throws -> Bool) rethrows -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if try isBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
