import ScaleTopCore
import Testing

@Suite struct StatusTransitionTests {
    func verdict(_ status: RunStatus) -> RunStatusVerdict {
        RunStatusVerdict(status: status, reason: status == .running ? nil : "because")
    }

    @Test func reportsFirstSightAndEachChangeOnce() {
        var tracker = StatusTransitionTracker()
        let first = tracker.update([("a", verdict(.running)), ("b", verdict(.diverged))])
        #expect(first == [
            StatusTransition(run: "a", from: nil, to: .running, reason: nil),
            StatusTransition(run: "b", from: nil, to: .diverged, reason: "because"),
        ])
        #expect(first.filter(\.isAlert).map(\.run) == ["b"])
        // Nothing changed: nothing to say.
        #expect(tracker.update([("a", verdict(.running)), ("b", verdict(.diverged))]).isEmpty)
        let second = tracker.update([("a", verdict(.plateau)), ("b", verdict(.diverged))])
        #expect(second == [StatusTransition(run: "a", from: .running, to: .plateau, reason: "because")])
        #expect(second[0].isAlert)
        // Stale and finished are changes but not alerts.
        let third = tracker.update([("a", verdict(.stale)), ("b", verdict(.finished))])
        #expect(third.map(\.to) == [.stale, .finished])
        #expect(third.allSatisfy { !$0.isAlert })
    }

    @Test func aRunThatDisappearsAndReturnsIsSeenAfresh() {
        var tracker = StatusTransitionTracker()
        _ = tracker.update([("a", verdict(.diverged))])
        #expect(tracker.update([]).isEmpty)
        #expect(tracker.update([("a", verdict(.diverged))]) == [StatusTransition(run: "a", from: nil, to: .diverged, reason: "because")])
    }
}
