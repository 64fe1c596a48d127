import Foundation
import ScaleTopTestSupport
import Testing

/// `scaletop --version` names the release and the commit the binary was built from.
@Suite struct VersionTests {
    /// `git rev-parse --short=12 HEAD` of the checkout, nil without git.
    static let head: String? = {
        guard let outcome = try? ChildProcess.run("/usr/bin/env", ["git", "-C", SharedData.repositoryRoot.path, "rev-parse", "--short=12", "HEAD"], timeout: 30),
              outcome.status == 0 else { return nil }
        return String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    @Test func versionPrintsTheReleaseAndTheCommit() throws {
        let outcome = try ScaleTopProcess.run(["--version"])
        #expect(outcome.status == 0, "\(outcome.error)")
        let match = try #require(outcome.output.wholeMatch(of: #/scaletop (\d+\.\d+\.\d+) \(commit ([0-9a-f]{12}(\+changes)?|unknown)\)\n/#), "\(outcome.output)")
        if let head = Self.head {
            #expect(match.output.2.hasPrefix(head), "built from \(head)")
        }
    }
}
