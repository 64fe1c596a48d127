/// Dashes along a line, counted in pixels: `on` drawn, then `off` skipped.
public struct DashPattern: Sendable, Equatable {
    public var on: Int
    public var off: Int

    public init(on: Int, off: Int) {
        self.on = max(1, on)
        self.off = max(0, off)
    }

    public static let dashed = DashPattern(on: 3, off: 2)
    public static let dotted = DashPattern(on: 1, off: 2)
}

extension BrailleCanvas {
    /// A line between two pixel positions (Bresenham). Endpoints far outside the canvas are
    /// clipped first, so a curve that leaves the plot by light-years costs nothing. `phase`
    /// carries the dash position from one segment to the next of a polyline.
    public mutating func line(
        from start: (x: Double, y: Double), to end: (x: Double, y: Double),
        style: CellStyle, priority: Int, dash: DashPattern? = nil, phase: inout Int
    ) {
        guard let (a, b) = clip(start, end) else { return }
        var x0 = Int(a.x.rounded()), y0 = Int(a.y.rounded())
        let x1 = Int(b.x.rounded()), y1 = Int(b.y.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        let period = dash.map { $0.on + $0.off } ?? 0
        while true {
            if let dash {
                if phase % period < dash.on { set(x: x0, y: y0, style: style, priority: priority) }
                phase += 1
            } else {
                set(x: x0, y: y0, style: style, priority: priority)
            }
            if x0 == x1 && y0 == y1 { break }
            let twice = 2 * error
            if twice >= dy { error += dy; x0 += sx }
            if twice <= dx { error += dx; y0 += sy }
        }
    }

    public mutating func line(
        from start: (x: Double, y: Double), to end: (x: Double, y: Double),
        style: CellStyle, priority: Int, dash: DashPattern? = nil
    ) {
        var phase = 0
        line(from: start, to: end, style: style, priority: priority, dash: dash, phase: &phase)
    }

    /// Lines through consecutive points; non-finite points break the line (a gap, not a jump).
    public mutating func polyline(_ points: [(x: Double, y: Double)], style: CellStyle, priority: Int, dash: DashPattern? = nil) {
        var phase = 0
        var previous: (x: Double, y: Double)?
        for point in points {
            guard point.x.isFinite, point.y.isFinite else { previous = nil; continue }
            if let p = previous {
                line(from: p, to: point, style: style, priority: priority, dash: dash, phase: &phase)
            } else if points.count == 1 {
                set(x: Int(point.x.rounded()), y: Int(point.y.rounded()), style: style, priority: priority)
            }
            previous = point
        }
    }

    /// Liang–Barsky clipping of a segment to the canvas, with half a pixel to spare.
    func clip(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
        let minX = -0.5, minY = -0.5
        let maxX = Double(pixelWidth) - 0.5, maxY = Double(pixelHeight) - 0.5
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil } else if r > t0 { t0 = r } }
                else { if r < t0 { return nil } else if r < t1 { t1 = r } }
            }
        }
        return ((a.x + t0 * dx, a.y + t0 * dy), (a.x + t1 * dx, a.y + t1 * dy))
    }
}
