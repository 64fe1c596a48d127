/// A run's points in struct-of-arrays form, with bounded memory: every point is kept while the
/// run is small; past `capacity`, older points are thinned log-spaced in x (one point, the
/// median-loss one, per bin) while the most recent quarter stays at full resolution. The
/// run's lowest-loss point, its first point and its last point are always kept.
///
/// x for thinning is the run's progress: tokens, else step, else the arrival order. Within one
/// run these are proportional to FLOPs, so log spacing in any of them is log spacing in FLOPs.
public struct CurveStore: Sendable {
    public private(set) var step = ContiguousArray<Double>()
    public private(set) var tokens = ContiguousArray<Double>()
    public private(set) var flops = ContiguousArray<Double>()
    public private(set) var loss = ContiguousArray<Double>()
    public private(set) var time = ContiguousArray<Double>()
    /// Arrival order of each kept point (the x of last resort).
    private var ordinal = ContiguousArray<Double>()
    private var arrived = 0

    public let capacity: Int
    /// Points removed by thinning so far.
    public private(set) var thinned = 0

    public init(capacity: Int = 8192) {
        precondition(capacity >= 64)
        self.capacity = capacity
    }

    public var count: Int { loss.count }
    public var isEmpty: Bool { loss.isEmpty }

    public subscript(i: Int) -> LogPoint {
        LogPoint(step: step[i], tokens: tokens[i], flops: flops[i], loss: loss[i], time: time[i])
    }

    public var points: [LogPoint] { (0..<count).map { self[$0] } }

    public mutating func append(_ point: LogPoint) {
        step.append(point.step)
        tokens.append(point.tokens)
        flops.append(point.flops)
        loss.append(point.loss)
        time.append(point.time)
        ordinal.append(Double(arrived))
        arrived += 1
        if count > capacity { thin() }
    }

    public mutating func removeAll() {
        self = CurveStore(capacity: capacity)
    }

    private func progress(_ i: Int) -> Double {
        if tokens[i].isFinite && tokens[i] > 0 { return tokens[i] }
        if step[i].isFinite && step[i] > 0 { return step[i] }
        return ordinal[i] + 1
    }

    /// Keeps about half of `capacity`: the recent quarter verbatim, older points one per
    /// log-spaced bin. Linear in the points held: one log per bin (not per point) and a
    /// selection, not a sort, for each bin's median.
    private mutating func thin() {
        let n = count
        let recentStart = n - capacity / 4
        let bins = capacity / 4
        var keep = [Bool](repeating: false, count: n)
        for i in recentStart..<n { keep[i] = true }
        keep[0] = true
        var bestIndex = -1
        for i in 0..<n where loss[i].isFinite && loss[i] > 0 {
            if bestIndex < 0 || loss[i] < loss[bestIndex] { bestIndex = i }
        }
        if bestIndex >= 0 { keep[bestIndex] = true }
        // Bins log-spaced between the first and the last old point's progress.
        let lo = log(max(progress(0), .leastNormalMagnitude))
        let hi = log(max(progress(recentStart - 1), .leastNormalMagnitude))
        let width = max(hi - lo, 1e-12) / Double(bins)
        var members: [(loss: Double, index: Int)] = []
        var binStart = 1
        while binStart < recentStart {
            let bin = ((log(max(progress(binStart), .leastNormalMagnitude)) - lo) / width).rounded(.down)
            // The bin's bounds in progress itself, so that its other points need no log.
            let lower = exp(lo + bin * width), upper = exp(lo + (bin + 1) * width)
            var binEnd = binStart + 1
            while binEnd < recentStart {
                let x = max(progress(binEnd), .leastNormalMagnitude)
                guard x >= lower, x < upper else { break }
                binEnd += 1
            }
            keep[medianLossIndex(binStart..<binEnd, &members)] = true
            binStart = binEnd
        }
        compact(keep)
    }

    /// The index of the bin's median-loss point (NaN counts as the highest loss, so a finite
    /// point represents the bin when there is one; of equal losses the earlier point counts
    /// as lower).
    private func medianLossIndex(_ range: Range<Int>, _ members: inout [(loss: Double, index: Int)]) -> Int {
        if range.count <= 2 { return range.lowerBound }
        members.removeAll(keepingCapacity: true)
        for i in range { members.append((loss[i].isNaN ? .infinity : loss[i], i)) }
        // Quickselect of the element of rank count / 2, ties broken by position.
        func below(_ a: Int, _ b: Int) -> Bool {
            members[a].loss < members[b].loss || (members[a].loss == members[b].loss && members[a].index < members[b].index)
        }
        let target = members.count / 2
        var left = 0, right = members.count - 1
        while left < right {
            members.swapAt((left + right) / 2, right)
            var store = left
            for k in left..<right where below(k, right) {
                members.swapAt(k, store)
                store += 1
            }
            members.swapAt(store, right)
            if store == target { break }
            if store < target { left = store + 1 } else { right = store - 1 }
        }
        return members[target].index
    }

    private mutating func compact(_ keep: [Bool]) {
        func filter(_ column: inout ContiguousArray<Double>) {
            let kept = column.withUnsafeMutableBufferPointer { values in
                keep.withUnsafeBufferPointer { keep in
                    var w = 0
                    for r in 0..<values.count where keep[r] {
                        values[w] = values[r]
                        w += 1
                    }
                    return w
                }
            }
            column.removeLast(column.count - kept)
        }
        let before = count
        filter(&step)
        filter(&tokens)
        filter(&flops)
        filter(&loss)
        filter(&time)
        filter(&ordinal)
        thinned += before - count
    }
}

import Foundation
