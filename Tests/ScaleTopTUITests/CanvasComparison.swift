@testable import ScaleTopTUI

extension BrailleCanvas {
    /// What a polyline means, drawn the slow way: `line` between consecutive finite points (a
    /// non-finite point is a gap), and a lone point's dot when the polyline is that one point.
    mutating func referencePolyline(_ points: [(x: Double, y: Double)], style: CellStyle, priority: Int) {
        var previous: (x: Double, y: Double)?
        for point in points {
            guard point.x.isFinite, point.y.isFinite else { previous = nil; continue }
            if let p = previous { line(from: p, to: point, style: style, priority: priority) }
            previous = point
        }
        if points.count == 1, let only = points.first, only.x.isFinite, only.y.isFinite {
            set(x: Int(only.x.rounded()), y: Int(only.y.rounded()), style: style, priority: priority)
        }
    }

    /// The same dots, and the same style and priority in every cell.
    func isSameDrawing(as other: BrailleCanvas) -> Bool {
        dots == other.dots && styles == other.styles && priorities == other.priorities
    }
}
