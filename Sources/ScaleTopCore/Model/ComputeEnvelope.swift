/// The lower compute frontier of all runs' points: a point is on it when no point at equal or
/// lower compute has an equal or lower loss (of two identical points the first one stays).
/// Kept sorted by increasing FLOPs and strictly decreasing loss, and updated one point at a
/// time: a binary search finds the place, and only the points the new one dominates move.
public struct ComputeEnvelope: Sendable {
    public struct Entry: Sendable, Equatable {
        public var flops: Double
        public var loss: Double
        /// Index of the run in its `Sweep`.
        public var run: Int
        public var tokens: Double
        public var step: Double

        public init(flops: Double, loss: Double, run: Int, tokens: Double, step: Double) {
            self.flops = flops
            self.loss = loss
            self.run = run
            self.tokens = tokens
            self.step = step
        }
    }

    public private(set) var entries: [Entry] = []
    /// Bumped whenever `entries` changes, so consumers (the fit) can tell nothing moved.
    public private(set) var revision = 0

    public init() {}

    public var count: Int { entries.count }

    /// Offers a point; returns true when the frontier changed.
    @discardableResult
    public mutating func offer(_ entry: Entry) -> Bool {
        var hint = 0
        return offer(entry, hint: &hint)
    }

    /// Offers a point, starting the search at `hint`, which it then sets to where this point's
    /// compute falls. A run's points arrive in increasing compute and the frontier has far
    /// fewer entries than there are points, so a run's next point usually falls where its
    /// last one did, or one entry on: two compares instead of a binary search. Any hint gives
    /// the right result.
    @discardableResult
    public mutating func offer(_ entry: Entry, hint: inout Int) -> Bool {
        guard entry.flops > 0, entry.flops.isFinite, entry.loss.isFinite, entry.loss > 0 else { return false }
        // The usual case while a run grows: at or past the last entry's compute, and no lower.
        if let last = entries.last, entry.flops >= last.flops, entry.loss >= last.loss {
            hint = entries.count
            return false
        }
        // First index whose FLOPs exceed the new point's.
        let lo = firstIndex(above: entry.flops, near: hint)
        hint = lo
        var index = lo
        if index > 0, entries[index - 1].loss <= entry.loss { return false }
        // Points at the same compute with a higher loss are now dominated.
        while index > 0, entries[index - 1].flops == entry.flops {
            entries.remove(at: index - 1)
            index -= 1
        }
        var end = index
        while end < entries.count, entries[end].loss >= entry.loss { end += 1 }
        if index == entries.count {
            entries.append(entry)
        } else if end > index {
            entries[index] = entry
            entries.removeSubrange((index + 1)..<end)
        } else {
            entries.insert(entry, at: index)
        }
        revision += 1
        return true
    }

    /// The first index whose FLOPs exceed `flops`: checked at `hint` and the entry after it,
    /// found by binary search when it is neither.
    @inline(__always)
    private func firstIndex(above flops: Double, near hint: Int) -> Int {
        let count = entries.count
        return entries.withUnsafeBufferPointer { entries in
            let h = min(max(hint, 0), count)
            let aboveFromH = h == count || entries[h].flops > flops
            if aboveFromH {
                if h == 0 || entries[h - 1].flops <= flops { return h }
            } else if h + 1 == count || entries[h + 1].flops > flops {
                return h + 1
            }
            return entries.partitionPoint { $0.flops <= flops }
        }
    }

    public mutating func removeAll() {
        entries.removeAll()
        revision += 1
    }
}
