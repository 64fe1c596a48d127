/// The storage of a `CurveStore`: its columns (step, tokens, flops, loss, time, arrival order)
/// in one allocation, each column `columnCapacity` values long. One block instead of six
/// arrays, so that appending a point checks one reference for uniqueness, not six.
final class CurveColumns: @unchecked Sendable {
    enum Column: Int, CaseIterable {
        case step, tokens, flops, loss, time, ordinal
    }

    private(set) var count = 0
    private(set) var columnCapacity: Int
    private var base: UnsafeMutablePointer<Double>

    init(columnCapacity: Int) {
        self.columnCapacity = max(1, columnCapacity)
        base = .allocate(capacity: self.columnCapacity * Column.allCases.count)
    }

    deinit { base.deallocate() }

    /// A copy holding the same points, with room for `columnCapacity` per column.
    func copy(columnCapacity: Int? = nil) -> CurveColumns {
        let copy = CurveColumns(columnCapacity: max(columnCapacity ?? self.columnCapacity, count))
        for column in Column.allCases {
            copy.start(of: column).initialize(from: start(of: column), count: count)
        }
        copy.count = count
        return copy
    }

    @inline(__always)
    func start(of column: Column) -> UnsafeMutablePointer<Double> {
        base + column.rawValue &* columnCapacity
    }

    @inline(__always)
    subscript(column: Column, i: Int) -> Double {
        precondition(i >= 0 && i < count, "point index out of range")
        return start(of: column)[i]
    }

    var isFull: Bool { count == columnCapacity }

    /// Appends one point; there must be room (`isFull` false).
    @inline(__always)
    func append(step: Double, tokens: Double, flops: Double, loss: Double, time: Double, ordinal: Double) {
        let i = count
        let c = columnCapacity
        base[i] = step
        base[c &+ i] = tokens
        base[2 &* c &+ i] = flops
        base[3 &* c &+ i] = loss
        base[4 &* c &+ i] = time
        base[5 &* c &+ i] = ordinal
        count = i &+ 1
    }

    /// Keeps the points whose flag is set, in order.
    func compact(keeping keep: UnsafeBufferPointer<Bool>) {
        precondition(keep.count == count)
        // The kept indices once, then each column gathered through them.
        let kept = UnsafeMutablePointer<Int>.allocate(capacity: count)
        defer { kept.deallocate() }
        var n = 0
        for r in 0..<count {
            kept[n] = r
            n &+= keep[r] ? 1 : 0
        }
        for column in Column.allCases {
            let values = start(of: column)
            for w in 0..<n { values[w] = values[kept[w]] }
        }
        count = n
    }
}

/// One column of a `CurveStore`, as a collection (it keeps the points it was taken from, even
/// if the store changes afterwards).
public struct CurveColumn: RandomAccessCollection, Sendable {
    let storage: CurveColumns
    let column: CurveColumns.Column
    public let endIndex: Int

    public var startIndex: Int { 0 }

    public subscript(i: Int) -> Double { storage[column, i] }
}
