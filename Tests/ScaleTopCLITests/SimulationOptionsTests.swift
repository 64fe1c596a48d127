import Foundation
import ScaleTopTestSupport
import Testing

/// `demo` and `simulate` share their simulation options and their validation: a bad value is a
/// usage error (status 64) with the same message from both, before anything is written or drawn.
@Suite struct SimulationOptionsTests {
    @Test(arguments: [
        (["--speed", "0"], "--speed must be a positive number."),
        (["--speed", "nan"], "--speed must be a positive number."),
        (["--runs", "0"], "--runs must be at least 1."),
        (["--points", "1"], "--points must be at least 2."),
    ])
    func badValuesAreRefusedByBoth(options: [String], message: String) throws {
        let dir = try TemporaryDirectory()
        let simulate = try ScaleTopProcess.run(["simulate", dir.path + "/out", "--instant"] + options)
        let demo = try ScaleTopProcess.run(["demo"] + options)
        for outcome in [simulate, demo] {
            #expect(outcome.status == 64, "\(outcome.error)")
            #expect(outcome.error.contains(message), "\(outcome.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }
}
