/// Draws a solid polyline into a canvas point by point, with exactly the pixels of
/// `BrailleCanvas.line` between consecutive finite points (a non-finite point is a gap), so
/// a long curve needs no array of its pixel positions.
///
/// A segment between two points inside the canvas is drawn between their nearest pixels.
/// When it stays in one pixel column, which is what most of a long run's 600 points do on a
/// plot 200 pixels wide, it only widens the column's pending span of dots (a comparison or
/// two); the span is set when the curve moves to another column. Within one polyline the
/// order of the dots does not matter: they share a style and a priority. A segment with an
/// end outside goes through `line`, which clips it.
struct PolylinePen {
    let style: CellStyle
    let priority: Int
    /// Points given so far, finite or not (a polyline of one point is that point's dot).
    private var count = 0
    private var first: (x: Double, y: Double)?
    private var previous: (x: Double, y: Double)?
    /// The previous point's nearest pixel, when that point lies inside the canvas.
    private var previousPixel: (x: Int, y: Int)?
    /// Dots from `low` to `high` in pixel column `x`, still to be set: the vertical segments
    /// of the curve since it came into that column. It always holds `previousPixel`.
    private var column: (x: Int, low: Int, high: Int)?

    init(style: CellStyle, priority: Int) {
        self.style = style
        self.priority = priority
    }

    mutating func add(_ point: (x: Double, y: Double), to canvas: inout BrailleCanvas) {
        count += 1
        if count == 1 { first = point }
        guard point.x.isFinite, point.y.isFinite else {
            flushColumn(to: &canvas)
            previous = nil
            previousPixel = nil
            return
        }
        let pixel = canvas.keeps(point) ? (x: Self.nearest(point.x), y: Self.nearest(point.y)) : nil
        if let start = previous {
            if let a = previousPixel, let b = pixel {
                if a.x == b.x {
                    if let c = column, c.x == a.x {
                        column = (c.x, min(c.low, b.y), max(c.high, b.y))
                    } else {
                        flushColumn(to: &canvas)
                        column = (a.x, min(a.y, b.y), max(a.y, b.y))
                    }
                } else {
                    flushColumn(to: &canvas)
                    BrailleCanvas.forEachPixel(from: a, to: b) { canvas.set(x: $0, y: $1, style: style, priority: priority) }
                }
            } else {
                flushColumn(to: &canvas)
                canvas.line(from: start, to: point, style: style, priority: priority)
            }
        }
        previous = point
        previousPixel = pixel
    }

    /// Sets what is still pending; a polyline of a single finite point gets its dot.
    mutating func finish(on canvas: inout BrailleCanvas) {
        flushColumn(to: &canvas)
        if count == 1, let first, first.x.isFinite, first.y.isFinite {
            canvas.set(x: Int(first.x.rounded()), y: Int(first.y.rounded()), style: style, priority: priority)
        }
    }

    private mutating func flushColumn(to canvas: inout BrailleCanvas) {
        guard let c = column else { return }
        for y in c.low...c.high { canvas.set(x: c.x, y: y, style: style, priority: priority) }
        column = nil
    }

    /// `Int(value.rounded())` (to nearest, halves away from zero) without a call into libm,
    /// for the small values of pixel positions on a canvas: truncation leaves the fraction
    /// exact.
    @inline(__always)
    static func nearest(_ value: Double) -> Int {
        let whole = Int(value)
        let fraction = value - Double(whole)
        return fraction >= 0.5 ? whole + 1 : fraction <= -0.5 ? whole - 1 : whole
    }
}
