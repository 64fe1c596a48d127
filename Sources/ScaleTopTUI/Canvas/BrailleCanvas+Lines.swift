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
        let from = (x: Int(a.x.rounded()), y: Int(a.y.rounded()))
        let to = (x: Int(b.x.rounded()), y: Int(b.y.rounded()))
        guard let dash else {
            Self.forEachPixel(from: from, to: to) { set(x: $0, y: $1, style: style, priority: priority) }
            return
        }
        let period = dash.on + dash.off
        Self.forEachPixel(from: from, to: to) { x, y in
            if phase % period < dash.on { set(x: x, y: y, style: style, priority: priority) }
            phase += 1
        }
    }

    /// The pixels of the line between two pixels, in order from `from` (Bresenham).
    @inline(__always)
    static func forEachPixel(from: (x: Int, y: Int), to: (x: Int, y: Int), _ visit: (Int, Int) -> Void) {
        var x = from.x, y = from.y
        let dx = abs(to.x - x), dy = -abs(to.y - y)
        let sx = x < to.x ? 1 : -1, sy = y < to.y ? 1 : -1
        var error = dx + dy
        while true {
            visit(x, y)
            if x == to.x && y == to.y { break }
            let twice = 2 * error
            if twice >= dy { error += dy; x += sx }
            if twice <= dx { error += dx; y += sy }
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
        guard dash != nil else {
            var pen = PolylinePen(style: style, priority: priority)
            for point in points { pen.add(point, to: &self) }
            pen.finish(on: &self)
            return
        }
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

    /// The point lies in the area `clip` keeps: a segment between two such points is drawn
    /// as it is.
    @inline(__always)
    func keeps(_ point: (x: Double, y: Double)) -> Bool {
        point.x >= -0.5 && point.y >= -0.5 && point.x <= Double(pixelWidth) - 0.5 && point.y <= Double(pixelHeight) - 0.5
    }

    /// Liang–Barsky clipping of a segment to the canvas, with half a pixel to spare. An end
    /// inside comes back unchanged (not recomputed from the other end, which could round to
    /// another pixel).
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
        return (t0 == 0 ? a : (a.x + t0 * dx, a.y + t0 * dy), t1 == 1 ? b : (a.x + t1 * dx, a.y + t1 * dy))
    }
}
