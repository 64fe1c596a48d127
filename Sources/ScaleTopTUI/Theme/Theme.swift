/// Colours by meaning: roles resolved to xterm-256 indices, and the run palette. nil means
/// the terminal's own colour. A monochrome theme (`NO_COLOR`) keeps only attributes, so the
/// screen still separates envelope, fit and selection by bold, dim and reverse.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var colors: [ThemeRole: UInt8]
    /// Run hues, used in order of the runs' appearance.
    public var palette: [UInt8]
    public var isMonochrome = false

    public init(name: String, colors: [ThemeRole: UInt8], palette: [UInt8], isMonochrome: Bool = false) {
        self.name = name
        self.colors = colors
        self.palette = palette
        self.isMonochrome = isMonochrome
    }

    /// The style of a role: its colour on the main background, with the attributes that carry
    /// the role's meaning without colour.
    public func style(_ role: ThemeRole) -> CellStyle {
        var style = CellStyle(foreground: color(role), background: color(.mainBackground))
        switch role {
        case .envelope, .title, .target, .selected: style.bold = true
        case .extrapolation, .muted, .band: style.dim = true
        case .error: style.bold = isMonochrome
        default: break
        }
        return style
    }

    public func color(_ role: ThemeRole) -> UInt8? { isMonochrome ? nil : colors[role] }

    /// The style of the run in palette slot `slot` (slots cycle through the palette).
    public func runStyle(slot: Int) -> CellStyle {
        let colour: UInt8? = isMonochrome || palette.isEmpty ? nil : palette[((slot % palette.count) + palette.count) % palette.count]
        return CellStyle(foreground: colour ?? color(.mainForeground), background: color(.mainBackground))
    }

    /// The same theme without colours (`NO_COLOR`, `--no-color`).
    public func monochrome() -> Theme {
        var theme = self
        theme.isMonochrome = true
        return theme
    }

    /// `Themes/default.toml` as shipped, so the dashboard draws even without the Themes folder.
    public static let builtInDefault = Theme(
        name: "default",
        colors: [
            .title: 255, .border: 240, .axis: 245, .axisLabel: 250, .envelope: 220, .fit: 214,
            .extrapolation: 172, .band: 94, .target: 226, .selected: 231, .ok: 114, .warn: 221,
            .error: 203, .muted: 242,
        ],
        palette: [75, 114, 176, 209, 80, 141, 215, 117, 150, 204, 186, 111])
}
