import Foundation
import Synchronization

/// Source of `CurveStore.lineage` values: each store (and each thinning) draws a new one.
private let curveLineages = Atomic<Int>(0)

/// A run's points in struct-of-arrays form, with bounded memory: every point is kept while the
/// run is small; past `capacity`, older points are thinned log-spaced in x (one point, the
/// median-loss one, per bin) while the most recent quarter stays at full resolution. The
/// run's lowest-loss point, its first point and its last point are always kept.
///
/// x for thinning is the run's progress: tokens, else step, else the arrival order. Within one
/// run these are proportional to FLOPs, so log spacing in any of them is log spacing in FLOPs.
/// Progress that does not grow (a counter that restarts, a token count logged over and over)
/// would leave the bins nearly as many as the points: then the arrival order is the x, so the
/// store stays bounded whatever is logged.
public struct CurveStore: Sendable {
    private var columns: CurveColumns
    private var arrived = 0

    public let capacity: Int
    /// Points removed by thinning so far.
    public private(set) var thinned = 0
    /// Changes whenever points already held change (a new store, a thinning): while it stays the
    /// same, the store has only had points appended, so what was derived from its first points holds.
    public private(set) var lineage = CurveStore.newLineage()

    public init(capacity: Int = 8192) {
        precondition(capacity >= 64)
        self.capacity = capacity
        // Room for two points at first (a one-line log costs little), doubling as it grows.
        columns = CurveColumns(columnCapacity: 2)
    }

    public var count: Int { columns.count }
    public var isEmpty: Bool { columns.count == 0 }

    public var step: CurveColumn { column(.step) }
    public var tokens: CurveColumn { column(.tokens) }
    public var flops: CurveColumn { column(.flops) }
    public var loss: CurveColumn { column(.loss) }
    public var time: CurveColumn { column(.time) }

    private func column(_ column: CurveColumns.Column) -> CurveColumn {
        CurveColumn(storage: columns, column: column, endIndex: columns.count)
    }

    public subscript(i: Int) -> LogPoint {
        LogPoint(
            step: columns[.step, i], tokens: columns[.tokens, i], flops: columns[.flops, i],
            loss: columns[.loss, i], time: columns[.time, i])
    }

    public var points: [LogPoint] { (0..<count).map { self[$0] } }

    public mutating func append(_ point: LogPoint) {
        if !isKnownUniquelyReferenced(&columns) {
            columns = columns.copy()
        }
        if columns.isFull {
            // Room for one point past the capacity: thinning starts from there.
            columns = columns.copy(columnCapacity: min(columns.columnCapacity * 2, capacity + 1))
        }
        columns.append(
            step: point.step, tokens: point.tokens, flops: point.flops, loss: point.loss, time: point.time,
            ordinal: Double(arrived))
        arrived += 1
        if columns.count > capacity { thin() }
    }

    private static func newLineage() -> Int {
        curveLineages.wrappingAdd(1, ordering: .relaxed).newValue
    }

    public mutating func removeAll() {
        self = CurveStore(capacity: capacity)
    }

    /// Keeps about half of `capacity`: the recent quarter verbatim, older points one per
    /// log-spaced bin. Linear in the points held: one log per bin (not per point) and a
    /// selection, not a sort, for each bin's median.
    private mutating func thin(byArrival: Bool = false) {
        lineage = Self.newLineage()
        let n = count
        let recentStart = n - capacity / 4
        let bins = capacity / 4
        let keep = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        let members = UnsafeMutableBufferPointer<BinMember>.allocate(capacity: n)
        defer {
            keep.deallocate()
            members.deallocate()
        }
        keep.initialize(repeating: false)
        for i in recentStart..<n { keep[i] = true }
        keep[0] = true
        let loss = columns.start(of: .loss)
        var bestIndex = -1
        for i in 0..<n where loss[i].isFinite && loss[i] > 0 {
            if bestIndex < 0 || loss[i] < loss[bestIndex] { bestIndex = i }
        }
        if bestIndex >= 0 { keep[bestIndex] = true }
        // x for thinning: tokens, else step, else the arrival order.
        let tokens = columns.start(of: .tokens), step = columns.start(of: .step), ordinal = columns.start(of: .ordinal)
        func progress(_ i: Int) -> Double {
            let x: Double
            if byArrival {
                x = ordinal[i] + 1
            } else if tokens[i].isFinite && tokens[i] > 0 {
                x = tokens[i]
            } else if step[i].isFinite && step[i] > 0 {
                x = step[i]
            } else {
                x = ordinal[i] + 1
            }
            return max(x, .leastNormalMagnitude)
        }
        // Bins log-spaced between the first and the last old point's progress, their edges
        // in progress itself: each edge is the one before times exp(width), so that a run whose
        // progress only grows (the usual case) costs no log or exp per bin, only a walk along
        // the edges. A point behind the current bin, or far ahead of it, places it with a log.
        let lo = log(progress(0))
        let hi = log(progress(recentStart - 1))
        let width = max(hi - lo, 1e-12) / Double(bins)
        let ratio = exp(width)
        var lower = -Double.infinity, upper = -Double.infinity
        var binStart = 1
        while binStart < recentStart {
            let first = progress(binStart)
            if upper == -.infinity {
                lower = exp(lo)
                upper = lower * ratio
            }
            // A few bins on, or placed again with a log (behind the current bin, far ahead).
            var steps = 0
            while first >= upper && steps < 64 {
                lower = upper
                upper *= ratio
                steps += 1
            }
            if first < lower || first >= upper {
                let bin = ((log(first) - lo) / width).rounded(.down)
                lower = exp(lo + bin * width)
                upper = exp(lo + (bin + 1) * width)
            }
            var binEnd = binStart + 1
            while binEnd < recentStart {
                let x = progress(binEnd)
                guard x >= lower, x < upper else { break }
                binEnd += 1
            }
            keep[Self.medianLossIndex(binStart..<binEnd, loss: loss, scratch: members.baseAddress!)] = true
            binStart = binEnd
        }
        columns.compact(keeping: UnsafeBufferPointer(keep))
        thinned += n - count
        // Arrival order only grows, so thinning by it keeps about half of the capacity.
        if !byArrival && count > capacity * 3 / 4 { thin(byArrival: true) }
    }

    /// A point of a bin, for the median: NaN counts as the highest loss, so a finite point
    /// represents the bin when there is one; of equal losses the earlier point counts as lower.
    private struct BinMember {
        var loss: Double
        var index: Int

        @inline(__always)
        static func < (a: BinMember, b: BinMember) -> Bool {
            a.loss < b.loss || (a.loss == b.loss && a.index < b.index)
        }
    }

    /// The index of the bin's median-loss point, by quickselect over `scratch` (room for the
    /// bin's points).
    private static func medianLossIndex(_ range: Range<Int>, loss: UnsafePointer<Double>, scratch members: UnsafeMutablePointer<BinMember>) -> Int {
        if range.count <= 2 { return range.lowerBound }
        var count = 0
        for i in range {
            members[count] = BinMember(loss: loss[i].isNaN ? .infinity : loss[i], index: i)
            count += 1
        }
        func swapAt(_ a: Int, _ b: Int) {
            let t = members[a]
            members[a] = members[b]
            members[b] = t
        }
        let target = count / 2
        var left = 0, right = count - 1
        while left < right {
            swapAt((left + right) / 2, right)
            let pivot = members[right]
            var store = left
            for k in left..<right where members[k] < pivot {
                swapAt(k, store)
                store += 1
            }
            swapAt(store, right)
            if store == target { break }
            if store < target { left = store + 1 } else { right = store - 1 }
        }
        return members[target].index
    }
}
