/// What a colour means on screen. The raw values are the keys of a theme file's `[roles]`.
public enum ThemeRole: String, Sendable, CaseIterable, Hashable {
    case mainForeground = "main_fg"
    case mainBackground = "main_bg"
    case title
    case border
    case axis
    case axisLabel = "axis_label"
    case envelope
    case fit
    case extrapolation
    case band
    case target
    case selected
    case ok
    case warn
    case error
    case muted
}
