import Testing
import ScaleTopTestSupport
import Foundation

@Test func sharedDataIsBeside() {
    #expect(FileManager.default.fileExists(atPath: SharedData.data("sweep-li2025").path))
}
