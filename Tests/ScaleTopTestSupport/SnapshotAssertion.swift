import Foundation
import Testing

/// Whether this test run records snapshots (`SCALETOP_RECORD_SNAPSHOTS=1`) instead of comparing.
public let isRecordingSnapshots = ProcessInfo.processInfo.environment["SCALETOP_RECORD_SNAPSHOTS"] == "1"

/// Compares `text` with its recording in `file`. A mismatch fails with a line diff. When
/// recording, `text` is written to `file` and the test still fails: a recording is reviewed
/// (its diff, like any change) and the tests run again without the variable before they pass.
public func assertSnapshot(
    _ text: String, matches file: URL, recording: Bool = isRecordingSnapshots,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let name = file.lastPathComponent
    if recording {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name): review its diff, then run the tests again without SCALETOP_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let recorded = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no recording \(name): run with SCALETOP_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    if text != recorded {
        let diff = LineDiff.changes(from: recorded, to: text).joined(separator: "\n")
        Issue.record("\(name) differs from its recording (- recorded, + now):\n\(diff)", sourceLocation: sourceLocation)
    }
}

/// The lines that differ between two texts, by a longest common subsequence of lines:
/// `-12 text` for line 12 of the old text gone, `+12 text` for line 12 of the new one.
public enum LineDiff {
    public static func changes(from old: String, to new: String) -> [String] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        // common[i][j]: the longest common subsequence of a[i...] and b[j...].
        var common = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var lines: [String] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                i += 1
                j += 1
            } else if j == b.count || (i < a.count && common[i + 1][j] >= common[i][j + 1]) {
                lines.append("-\(i + 1) \(a[i])")
                i += 1
            } else {
                lines.append("+\(j + 1) \(b[j])")
                j += 1
            }
        }
        return lines
    }
}
