/// Every key the dashboard knows, with what it does: the one list behind both the help overlay
/// and the key bar, so neither can forget a key.
public struct KeyBinding: Sendable, Equatable {
    public var keys: String
    public var action: String
    /// Short form for the key bar (nil: help only).
    public var hint: String?

    public static let all: [KeyBinding] = [
        KeyBinding(keys: "q  Ctrl-C", action: "quit", hint: "q quit"),
        KeyBinding(keys: "?", action: "show or hide this help", hint: "? help"),
        KeyBinding(keys: "/", action: "filter runs by a regular expression (Enter keeps, Esc clears)", hint: "/ filter"),
        KeyBinding(keys: "Esc", action: "close the run detail; clear the filter; close the approaches or IsoFLOP view", hint: nil),
        KeyBinding(keys: "j k  ↓ ↑", action: "select the next / previous run", hint: "j/k select"),
        KeyBinding(keys: "PgDn PgUp", action: "move the selection a page", hint: nil),
        KeyBinding(keys: "Home End  g G", action: "select the first / last run", hint: nil),
        KeyBinding(keys: "space", action: "pin or unpin the selected run (drawn above the rest)", hint: "space pin"),
        KeyBinding(keys: "Tab", action: "move the focus between plot and table", hint: nil),
        KeyBinding(keys: "s  S", action: "sort the table by the next key / reverse the order", hint: "s sort"),
        KeyBinding(keys: "x", action: "x axis: FLOPs → tokens → step", hint: "x axis"),
        KeyBinding(keys: "y", action: "y series: each run's loss, then each loss key logged", hint: nil),
        KeyBinding(keys: "l", action: "log or linear x (loss stays log; L when the plot has the focus)", hint: "l log-x"),
        KeyBinding(keys: "e", action: "show or hide the compute envelope", hint: "e envelope"),
        KeyBinding(keys: "f", action: "show or hide the fit, extrapolation and band", hint: "f fit"),
        KeyBinding(keys: "i", action: "IsoFLOP view: loss vs N per compute budget", hint: "i IsoFLOP"),
        KeyBinding(keys: "t", action: "run table at the bottom → at the side → hidden", hint: "t table"),
        KeyBinding(keys: "a", action: "Chinchilla's three approaches side by side, the optimum at the target", hint: "a approaches"),
        KeyBinding(keys: "← → h l", action: "plot focused: move the cursor along its run, point by point", hint: nil),
        KeyBinding(keys: "↑ ↓ k j", action: "plot focused: move the cursor to the run above / below", hint: nil),
        KeyBinding(keys: "+ -  0", action: "zoom x in / out around the cursor; 0 shows everything again", hint: "+/- zoom"),
        KeyBinding(keys: "L", action: "log or linear x, whatever has the focus", hint: nil),
        KeyBinding(keys: "o", action: "smooth the curves: off → light → heavy (raw points faint behind)", hint: "o smooth"),
        KeyBinding(keys: "Enter", action: "run detail: config, file, bad lines, status, projection (Esc closes)", hint: "Enter detail"),
        KeyBinding(keys: "click", action: "on the plot: the cursor to the nearest point; on the table: select", hint: nil),
        KeyBinding(keys: "wheel", action: "zoom x around the pointer; with Shift, Alt or Ctrl: zoom y", hint: nil),
        KeyBinding(keys: "drag", action: "zoom to the box dragged over the plot", hint: nil),
        KeyBinding(keys: "right-click", action: "show the whole plot again (as 0 does)", hint: nil),
        KeyBinding(keys: "w", action: "write the view as scaletop-DATE-TIME.svg and CSVs", hint: nil),
        KeyBinding(keys: "Ctrl-L", action: "redraw the whole screen", hint: nil),
        KeyBinding(keys: "m", action: "two groups or more: compute multiplier vs the baseline over compute", hint: nil),
    ]

    /// The key bar while the plot has the focus: its own keys first.
    public static let plotFocused: [KeyBinding] = [
        KeyBinding(keys: "q", action: "quit", hint: "q quit"),
        KeyBinding(keys: "?", action: "help", hint: "? help"),
        KeyBinding(keys: "← →", action: "move", hint: "←→ move"),
        KeyBinding(keys: "↑ ↓", action: "run", hint: "↑↓ run"),
        KeyBinding(keys: "+ -", action: "zoom", hint: "+/- zoom"),
        KeyBinding(keys: "0", action: "reset", hint: "0 reset"),
        KeyBinding(keys: "o", action: "smooth", hint: "o smooth"),
        KeyBinding(keys: "Enter", action: "detail", hint: "Enter detail"),
        KeyBinding(keys: "space", action: "pin", hint: "space pin"),
        KeyBinding(keys: "Tab", action: "table", hint: "Tab table"),
        KeyBinding(keys: "L", action: "log-x", hint: "L log-x"),
    ]
}
