import Testing
@testable import ScaleTopTUI

/// What one terminal cell is sent for a grapheme: never a cluster cut after a joiner.
@Suite struct CellScalarsTests {
    func scalars(_ text: String) -> [UInt32] {
        TerminalWidth.cellScalars(of: Character(text)).map(\.value)
    }

    @Test func joinedEmojiAreSentAsTheirFirstCharacterWithoutTheJoiner() {
        // woman + ZWJ + laptop: curses would keep "woman + ZWJ", and the ZWJ would fuse with
        // whatever the next cell holds.
        #expect(scalars("\u{1F469}\u{200D}\u{1F4BB}") == [0x1F469])
        // A flag: two regional indicators.
        #expect(scalars("\u{1F1E9}\u{1F1EA}") == [0x1F1E9])
    }

    @Test func marksStayOnTheirBase() {
        #expect(scalars("e\u{301}") == [0x65, 0x301])
        #expect(scalars("\u{2764}\u{FE0F}") == [0x2764, 0xFE0F])
        #expect(scalars("1\u{FE0F}\u{20E3}") == [0x31, 0xFE0F, 0x20E3])
        #expect(scalars("漢") == [0x6F22])
    }
}
