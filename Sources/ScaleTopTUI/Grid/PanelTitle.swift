/// A panel's title as drawn in its frame: the panel with the keyboard focus gets the focus
/// mark before its title and the title in reverse video, so Tab shows where keys go.
public enum PanelTitle {
    public static func spans(_ title: [StyledText], focused: Bool, glyphs: Glyphs) -> [StyledText] {
        guard focused, let first = title.first else { return title }
        return [StyledText("\(glyphs.focusMark) ", first.style.reversed.bolded)]
            + title.map { StyledText($0.text, $0.style.reversed.bolded) }
    }
}
