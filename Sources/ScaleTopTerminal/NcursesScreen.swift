import CNcursesw
import ScaleTopTUI
#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// The only code that calls ncurses. Starts curses, draws frames of cells (writing only the
/// cells that changed since the last frame, so a frame over SSH sends few bytes), reads keys
/// without blocking, and restores the terminal on stop (and, through `TerminalRestorer`, on a
/// crash). Ctrl-Z / fg are handled by ncurses' own SIGTSTP handler (cbreak mode keeps them),
/// wrapped to turn mouse reporting off while suspended.
public final class NcursesScreen {
    public private(set) var width = 0
    public private(set) var height = 0
    /// True when the locale's character set is UTF-8: braille and box drawing are available.
    public let unicode: Bool
    public let colours: Bool
    private var previous: [Cell] = []
    private var previousWidth = 0
    private var pairs: [UInt32: Int32] = [:]
    private var running = false
    private var overlay: GraphemeOverlay
    private let drawsWholeClusters: Bool
    /// Said on standard error once the view has closed: it drew with a stand-in terminfo entry.
    private var terminfoNotice: String?
    /// Mouse reporting was turned on (and must be turned off on the way out).
    private let mouse: Bool
    private var mouseParser = SGRMouseParser()

    /// Starts curses on the controlling terminal. Sets only LC_CTYPE from the environment:
    /// numbers stay in the C locale.
    /// `mouse`: ask the terminal for button, drag and wheel reports in the SGR (1006) encoding.
    public init(noColour: Bool, environment: [String: String] = [:], mouse: Bool = false) {
        self.mouse = mouse
        setlocale(LC_CTYPE, "")
        unicode = st_utf8_locale() != 0
        // Before curses reads $TERM: a terminal with no terminfo entry gets a stand-in, or one
        // line saying what to set (curses would stop with "Error opening terminal").
        let terminfo = TerminfoFallback.prepare()
        if case let .unusable(message) = terminfo {
            Self.writeError(message + "\n")
            exit(1)
        }
        terminfoNotice = TerminfoFallback.notice(terminfo)
        // Job control and resize must reach curses' handlers even when a parent (or a runtime
        // thread we were started from) left them blocked: Ctrl-Z / fg and SIGWINCH depend on it.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGTSTP, SIGCONT, SIGWINCH, SIGTTIN, SIGTTOU] { sigaddset(&set, sig) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        TerminalRestorer.install()
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(st_stdscr(), true)
        nodelay(st_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        if !noColour && has_colors() {
            start_color()
            use_default_colors()
            colours = true
        } else {
            colours = false
        }
        overlay = GraphemeOverlay(colours: colours)
        drawsWholeClusters = unicode && GraphemeOverlay.isSupported(environment: environment)
        running = true
        refreshSize()
        // The reports are parsed from the key stream (`SGRMouseParser`), not by curses, which
        // would pick the encoding from the terminfo entry (tmux's says X10, limited to 223 columns).
        if mouse {
            Self.writeBytes(TerminalRestorer.mouseOn)
            TerminalRestorer.wrapSuspendForMouse()
        }
    }

    deinit { stop() }

    /// Restores the terminal (idempotent).
    public func stop() {
        guard running else { return }
        running = false
        if mouse {
            Self.writeBytes(TerminalRestorer.mouseOff)
            TerminalRestorer.unwrapSuspend()
        }
        endwin()
        TerminalRestorer.uninstall()
        if let terminfoNotice { Self.writeError(terminfoNotice + "\n") }
    }

    private static func writeBytes(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    private static func writeError(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    private func refreshSize() {
        height = Int(st_lines())
        width = Int(st_cols())
    }

    /// Draws a frame: `cells` row by row, `width`×`height`. Only changed cells are written;
    /// `force` repaints everything (Ctrl-L). `changedRows`, when the caller knows that only those
    /// rows can differ from the last frame (the header's age label ticking), limits the
    /// comparison to them.
    public func draw(_ cells: [Cell], width frameWidth: Int, height frameHeight: Int, force: Bool = false, changedRows: Range<Int>? = nil) {
        var changedRows = changedRows
        if force || frameWidth != previousWidth || previous.count != cells.count {
            previous = []
            changedRows = nil
            clearok(st_stdscr(), true)
            overlay.removeAll()
        }
        let repaintsAll = previous.isEmpty
        var touchedRows = Set<Int>()
        var wide = [wchar_t](repeating: 0, count: 8)
        let rows = min(frameHeight, height)
        let columns = min(frameWidth, width)
        for row in (changedRows ?? 0..<rows).clamped(to: 0..<rows) {
            var column = 0
            while column < columns {
                let index = row * frameWidth + column
                let cell = cells[index]
                if cell.isContinuation {
                    // The right half of a wide character drawn in the cell before.
                    column += 1
                    continue
                }
                // Unchanged (a wide character with its right half): nothing to send, and no
                // width to look up (the continuation cell after it is skipped above).
                let changed = previous.isEmpty || previous[index] != cell
                    || (column + 1 < columns && cells[index + 1].isContinuation && previous[index + 1] != cells[index + 1])
                if !changed {
                    column += 1
                    continue
                }
                touchedRows.insert(row)
                if drawsWholeClusters { overlay.place(cell, at: index) }
                let span = Self.columns(of: cell.character)
                var k = 0
                for scalar in TerminalWidth.cellScalars(of: cell.character) where k < 5 {
                    wide[k] = wchar_t(bitPattern: scalar.value)
                    k += 1
                }
                wide[k] = 0
                // Never write the last cell of the screen with a wide character (it would scroll).
                if !(span == 2 && column + 1 >= columns) {
                    _ = wide.withUnsafeBufferPointer { st_put_cell(Int32(row), Int32(column), $0.baseAddress, attributes(cell.style), pair(cell.style)) }
                }
                column += max(1, span)
            }
        }
        previous = cells
        previousWidth = frameWidth
        wnoutrefresh(st_stdscr())
        doupdate()
        if drawsWholeClusters {
            let bytes = overlay.bytes(width: frameWidth, rows: repaintsAll ? nil : touchedRows)
            if !bytes.isEmpty { writeToTerminal(bytes) }
        }
    }

    /// Bytes straight to the terminal, after curses has flushed its own.
    private func writeToTerminal(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written > 0 { offset += written } else if written < 0 && errno == EINTR { continue } else { return }
        }
    }

    private static func columns(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 1 }
        let w = st_wcwidth(first.value)
        return w == 2 ? 2 : 1
    }

    private func attributes(_ style: CellStyle) -> attr_t {
        var a: attr_t = 0
        if style.bold { a |= st_a_bold() }
        if style.dim { a |= st_a_dim() }
        if style.reverse { a |= st_a_reverse() }
        if style.underline { a |= st_a_underline() }
        return a
    }

    private func pair(_ style: CellStyle) -> Int32 {
        guard colours, style.foreground != nil || style.background != nil else { return 0 }
        let limit = Int32(st_colors())
        let fg = style.foreground.map { Int32($0) }.flatMap { $0 < limit ? $0 : nil } ?? -1
        let bg = style.background.map { Int32($0) }.flatMap { $0 < limit ? $0 : nil } ?? -1
        let key = UInt32(bitPattern: (fg + 1) << 16 | (bg + 1))
        if let known = pairs[key] { return known }
        let allocated = alloc_pair(fg, bg)
        let value = allocated < 0 ? 0 : allocated
        pairs[key] = value
        return value
    }

    /// Everything typed since the last call (never blocks), decoded into the dashboard's keys.
    public func readInput() -> TerminalInput {
        var input = TerminalInput()
        var wide: wint_t = 0
        while true {
            let result = wget_wch(st_stdscr(), &wide)
            if result == st_err() { break }
            if result == st_key_code_yes() {
                let code = Int32(wide)
                if code == st_key_resize() {
                    refreshSize()
                    previous = []
                    input.resized = true
                } else if code == st_key_mouse() {
                    // Curses matched the report's start (`ESC [ <` in the terminfo entry): the rest follows as characters.
                    input.keys += SGRMouseParser.reportStart
                } else if let key = Self.key(forKeyCode: code) {
                    input.keys.append(key)
                }
                continue
            }
            if let key = Self.key(forCharacter: wide) { input.keys.append(key) }
        }
        input.keys = mouseParser.decode(input.keys)
        return input
    }

    /// A function key ncurses decoded (`KEY_UP`...); nil for one the dashboard does not use.
    private static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case st_key_up(): .up
        case st_key_down(): .down
        case st_key_left(): .left
        case st_key_right(): .right
        case st_key_ppage(): .pageUp
        case st_key_npage(): .pageDown
        case st_key_home(): .home
        case st_key_end(): .end
        case st_key_backspace(), st_key_dc(): .backspace
        case st_key_enter(): .enter
        case st_key_btab(): .backTab
        default: nil
        }
    }

    /// A character as typed: Tab, Enter, Esc, Backspace and Ctrl-letter by their codes.
    private static func key(forCharacter wide: wint_t) -> Key? {
        switch wide {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(wide) + 96)))
        default:
            guard wide >= 32, let scalar = Unicode.Scalar(UInt32(wide)) else { return nil }
            return .character(Character(scalar))
        }
    }
}
