/// A stretch of changed cells on one row: the terminal layer moves the cursor once to (x, y)
/// and writes `cells` in order (skipping continuation cells, which the wide head covers).
public struct CellRun: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

extension CellGrid {
    /// The runs of cells that differ from `previous`, row by row. Runs separated by at most
    /// `gap` unchanged cells are joined, because rewriting a few cells is cheaper than another
    /// cursor move. A run never starts on a continuation or ends on a wide head, so a wide
    /// grapheme is always written whole. When the sizes differ, every row is one run (the
    /// terminal must repaint everything after a resize anyway).
    public func diff(from previous: CellGrid, gap: Int = 3) -> [CellRun] {
        guard previous.width == width, previous.height == height else {
            return (0..<height).map { CellRun(x: 0, y: $0, cells: Array(row($0))) }
        }
        var runs: [CellRun] = []
        for y in 0..<height {
            let base = y * width
            var x = 0
            while x < width {
                guard cells[base + x] != previous.cells[base + x] else { x += 1; continue }
                var start = x
                var end = x + 1  // exclusive
                var probe = end
                while probe < width {
                    if cells[base + probe] != previous.cells[base + probe] {
                        end = probe + 1
                    } else if probe - end >= gap {
                        break
                    }
                    probe += 1
                }
                if start > 0, cells[base + start].isContinuation { start -= 1 }
                if end < width, cells[base + end].isContinuation { end += 1 }
                runs.append(CellRun(x: start, y: y, cells: Array(cells[(base + start)..<(base + end)])))
                x = end
            }
        }
        return runs
    }

    /// Applies runs to a grid of the same size (what the terminal will show after a blit); the
    /// tests use it to check that a diff is complete.
    public mutating func apply(_ runs: [CellRun]) {
        for run in runs {
            for (offset, cell) in run.cells.enumerated() where run.x + offset < width && run.y < height {
                cells[run.y * width + run.x + offset] = cell
            }
        }
    }
}
