import Testing
@testable import ScaleTopCore

@Test func versionIsSet() { #expect(!ScaleTopVersion.string.isEmpty) }
