import ScaleTopTUI

/// What sending the changed cells of a frame costs a terminal, as a plain ANSI writer would
/// send them: a cursor move (`ESC[row;colH`) for each run of changed cells, an SGR sequence
/// (`ESC[0;1;38;5;Nm`) when the style differs from the last one written, and each grapheme's
/// UTF-8 (continuation cells send nothing). ncurses' own figure is in the `live` benchmark; it
/// can be smaller (relative moves) but follows the same cells.
enum ANSIFrameBytes {
    static func count(_ runs: [CellRun]) -> Int {
        var bytes = 0
        var current: CellStyle?
        for run in runs {
            bytes += 4 + digits(run.y + 1) + digits(run.x + 1)
            for cell in run.cells where !cell.isContinuation {
                if cell.style != current {
                    bytes += sgr(cell.style)
                    current = cell.style
                }
                bytes += String(cell.character).utf8.count
            }
        }
        return bytes
    }

    /// `ESC[0` + `;1` `;2` `;7` `;4` per attribute + `;38;5;N` / `;48;5;N` per colour + `m`.
    static func sgr(_ style: CellStyle) -> Int {
        var bytes = 4
        for flag in [style.bold, style.dim, style.reverse, style.underline] where flag { bytes += 2 }
        for colour in [style.foreground, style.background] {
            if let colour { bytes += 6 + digits(Int(colour)) }
        }
        return bytes
    }

    static func digits(_ value: Int) -> Int { String(value).count }
}
