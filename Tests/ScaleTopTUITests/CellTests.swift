import Testing
@testable import ScaleTopTUI

@Test func blankCellIsASpaceInTheDefaultStyle() {
    let cell = Cell()
    #expect(cell.character == " ")
    #expect(cell.style == CellStyle())
}
