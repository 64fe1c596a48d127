/// The characters a screen is drawn with. UTF-8 terminals get box drawing and braille; a
/// non-UTF-8 terminal (LANG=C) gets ASCII that still shows curves, boxes and markers.
public struct Glyphs: Sendable, Equatable {
    public var box: BoxGlyphs
    /// How plot pixels become characters.
    public var dots: DotMode
    /// Axis ticks: on the y axis (`┤`) and on the x axis (`┬`).
    public var yTick: Character
    public var xTick: Character
    /// The x axis' corner with the y axis.
    public var axisCorner: Character
    public var targetMarker: Character
    public var vertexMarker: Character
    /// The colour swatch before a run's name in the table.
    public var runBullet: Character
    public var pinMark: Character
    public var ellipsis: Character
    /// Legend samples.
    public var envelopeSample: String
    public var fitSample: String
    public var extrapolationSample: String
    public var bandSample: String
    public var cursor: Character
    /// The terminal shows only ASCII: every other character on screen (Greek letters in the fit
    /// line, CJK in run names) is folded to ASCII after drawing, cell for cell.
    public var asciiOnly = false
    /// Where a plateau or divergence began, on the run's curve.
    public var onsetMarker: Character = "✕"
    /// Where a run in progress is projected to end, at its planned compute.
    public var projectionMarker: Character = "◇"
    /// Before the title of the panel that has the keyboard focus.
    public var focusMark: Character = "▶"
    /// After the title of the column the table is sorted by.
    public var sortAscending: Character = "▲"
    public var sortDescending: Character = "▼"

    public static let unicode = Glyphs(
        box: .light, dots: .braille, yTick: "┤", xTick: "┬", axisCorner: "└", targetMarker: "◆",
        vertexMarker: "●", runBullet: "●", pinMark: "▸", ellipsis: "…", envelopeSample: "━━",
        fitSample: "──", extrapolationSample: "╌╌", bandSample: "┊", cursor: "▏")

    /// Blocks instead of braille, for fonts without braille dots.
    public static let blocks: Glyphs = {
        var glyphs = Glyphs.unicode
        glyphs.dots = .blocks
        return glyphs
    }()

    public static let ascii = Glyphs(
        box: .ascii, dots: .ascii, yTick: "+", xTick: "+", axisCorner: "+", targetMarker: "*",
        vertexMarker: "o", runBullet: "o", pinMark: ">", ellipsis: "~", envelopeSample: "==",
        fitSample: "--", extrapolationSample: "- ", bandSample: ":", cursor: "_", asciiOnly: true,
        onsetMarker: "x", projectionMarker: "o", focusMark: ">", sortAscending: "^", sortDescending: "v")

    /// The glyphs for a terminal, from its locale's character set (`LC_CTYPE` / `LANG`).
    public static func forLocale(utf8: Bool) -> Glyphs { utf8 ? .unicode : .ascii }
}

/// How canvas pixels are turned into characters.
public enum DotMode: String, Sendable, CaseIterable {
    /// 2×4 dots per cell (U+2800…U+28FF): the finest resolution a terminal offers.
    case braille
    /// 2×2 quadrant blocks (▘▀▙█…), for fonts that lack braille.
    case blocks
    /// One ASCII character per cell chosen by the shape of its dots (`/ \ - _ ' |`).
    case ascii
}

/// The pieces of a frame.
public struct BoxGlyphs: Sendable, Equatable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character

    public static let light = BoxGlyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let ascii = BoxGlyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}
