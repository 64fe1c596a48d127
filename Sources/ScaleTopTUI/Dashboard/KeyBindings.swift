/// Every key the dashboard knows, with what it does: the one list behind both the help overlay
/// and the key bar, so neither can forget a key.
public struct KeyBinding: Sendable, Equatable {
    public var keys: String
    public var action: String
    /// Short form for the key bar (nil: help only).
    public var hint: String?
    /// What it does in at most 22 columns, for the help's two narrow columns (nil: the action).
    public var brief: String?

    public init(keys: String, action: String, hint: String?, brief: String? = nil) {
        self.keys = keys
        self.action = action
        self.hint = hint
        self.brief = brief
    }

    public static let all: [KeyBinding] = [
        KeyBinding(keys: "q  Ctrl-C", action: "quit", hint: "q quit", brief: "quit"),
        KeyBinding(keys: "?", action: "show or hide this help", hint: "? help", brief: "this help"),
        KeyBinding(keys: "/", action: "filter runs by a regular expression (Enter keeps, Esc clears)", hint: "/ filter", brief: "filter runs (regex)"),
        KeyBinding(keys: "Esc", action: "close the run detail; clear the filter; close the approaches or IsoFLOP view", hint: nil, brief: "close pane or filter"),
        KeyBinding(keys: "j k  ↓ ↑", action: "select the next / previous run", hint: "j/k select", brief: "select next / previous"),
        KeyBinding(keys: "PgDn PgUp", action: "move the selection a page", hint: nil, brief: "move selection a page"),
        KeyBinding(keys: "Home End  g G", action: "select the first / last run", hint: nil, brief: "select first / last"),
        KeyBinding(keys: "space", action: "pin or unpin the selected run (drawn above the rest)", hint: "space pin", brief: "pin or unpin the run"),
        KeyBinding(keys: "Tab", action: "move the focus between plot and table", hint: nil, brief: "focus plot or table"),
        KeyBinding(keys: "s  S", action: "sort the table by the next key / reverse the order", hint: "s sort", brief: "sort / reverse order"),
        KeyBinding(keys: "x", action: "x axis: FLOPs → tokens → step", hint: "x axis", brief: "x: FLOPs→tokens→step"),
        KeyBinding(keys: "y", action: "y series: each run's loss, then each loss key logged", hint: nil, brief: "y: loss or other keys"),
        KeyBinding(keys: "l", action: "log or linear x (loss stays log; L when the plot has the focus)", hint: "l log-x", brief: "log or linear x"),
        KeyBinding(keys: "e", action: "show or hide the compute envelope", hint: "e envelope", brief: "show/hide envelope"),
        KeyBinding(keys: "f", action: "show or hide the fit, extrapolation and band", hint: "f fit", brief: "show/hide fit and band"),
        KeyBinding(keys: "i", action: "IsoFLOP view: loss vs N per compute budget", hint: "i IsoFLOP", brief: "IsoFLOP view"),
        KeyBinding(keys: "t", action: "run table at the bottom → at the side → hidden", hint: "t table", brief: "table: bottom/side/off"),
        KeyBinding(keys: "a", action: "Chinchilla's three approaches side by side, the optimum at the target", hint: "a approaches", brief: "three approaches"),
        KeyBinding(keys: "← → h l", action: "plot focused: move the cursor along its run, point by point", hint: nil, brief: "cursor along the run"),
        KeyBinding(keys: "↑ ↓ k j", action: "plot focused: move the cursor to the run above / below", hint: nil, brief: "cursor to next run"),
        KeyBinding(keys: "+ -  0", action: "zoom x in / out around the cursor; 0 shows everything again", hint: "+/- zoom", brief: "zoom x; 0 resets"),
        KeyBinding(keys: "L", action: "log or linear x, whatever has the focus", hint: nil, brief: "log/linear x (focus)"),
        KeyBinding(keys: "o", action: "smooth the curves: off → light → heavy (raw points faint behind)", hint: "o smooth", brief: "smooth off/light/heavy"),
        KeyBinding(keys: "Enter", action: "run detail: config, file, bad lines, status, projection (Esc closes)", hint: "Enter detail", brief: "run detail"),
        KeyBinding(keys: "click", action: "on the plot: the cursor to the nearest point; on the table: select", hint: nil, brief: "move cursor / select"),
        KeyBinding(keys: "wheel", action: "zoom x around the pointer; with Shift, Alt or Ctrl: zoom y", hint: nil, brief: "zoom x (Shift: y)"),
        KeyBinding(keys: "drag", action: "zoom to the box dragged over the plot", hint: nil, brief: "zoom to a box"),
        KeyBinding(keys: "right-click", action: "show the whole plot again (as 0 does)", hint: nil, brief: "show everything"),
        KeyBinding(keys: "w", action: "write the view as scaletop-DATE-TIME.svg and CSVs", hint: nil, brief: "save SVG and CSVs"),
        KeyBinding(keys: "Ctrl-L", action: "redraw the whole screen", hint: nil, brief: "redraw the screen"),
        KeyBinding(keys: "m", action: "two groups or more: compute multiplier vs the baseline over compute", hint: nil, brief: "multiplier overlay"),
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
