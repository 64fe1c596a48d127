import Foundation
import ScaleTopTestSupport
import Testing

/// `scaletop report --json` over the TensorBoard and W&B fixtures, as a user runs it.
@Suite struct ReportFormatsTests {
    func runs(_ folder: String) throws -> [[String: Any]] {
        let outcome = try ScaleTopProcess.run(["report", SharedData.data(folder).path, "--json"])
        #expect(outcome.status == 0)
        let object = try #require(try? JSONLines.parse(outcome.output))
        let lines = try #require(object["lines"] as? [String: Any])
        #expect(lines["bad"] as? Int == 0)
        return try #require(object["runs"] as? [[String: Any]])
    }

    @Test func tensorBoardFolderListsOneRunPerFolder() throws {
        let runs = try runs("tensorboard")
        #expect(Set(runs.compactMap { $0["name"] as? String }) == ["n1e07", "n3e07", "n1e08"])
        for run in runs {
            let name = try #require(run["name"] as? String)
            // The params text summary: 1e7 for n1e07 and so on.
            let expected = Double(name.replacingOccurrences(of: "n", with: ""))
            #expect(JSONLines.double(run["params"]) == expected)
            #expect((run["points"] as? Int ?? 0) > 300)
        }
    }

    @Test func wandbFolderListsRunsUnderTheirDisplayNames() throws {
        let runs = try runs("wandb-offline")
        #expect(Set(runs.compactMap { $0["name"] as? String }) == ["n1e07", "n3e07", "n1e08", "n3e08"])
        for run in runs {
            #expect((run["points"] as? Int ?? 0) >= 400)
            #expect(JSONLines.double(run["params"]) != nil)
        }
    }
}
