import ScaleTopCore
import Testing

/// The watching loop's cadence on a fake clock: work follows the data within its interval, at
/// most once per interval while lines keep coming, and at once after a quiet spell.
@Suite struct RefreshCadenceTests {
    /// Runs every stage when due while a line arrives every `gap` seconds for `seconds`, waking
    /// as the loop does (at each line, or at the next due time); returns each stage's runs and the
    /// longest time a change waited for it.
    func simulate(_ cadence: RefreshCadence, gap: Double, seconds: Double) -> [RefreshCadence.Stage: (runs: Int, longestWait: Double)] {
        var cadence = cadence
        var result: [RefreshCadence.Stage: (runs: Int, longestWait: Double)] = [:]
        var oldestUnhandled: [RefreshCadence.Stage: Double] = [:]
        var now = 0.0
        var nextLine = 0.0
        while now <= seconds + 10 {
            if now >= nextLine - 1e-9 && nextLine <= seconds {
                cadence.dataChanged(at: now)
                for stage in RefreshCadence.Stage.allCases where oldestUnhandled[stage] == nil { oldestUnhandled[stage] = now }
                nextLine += gap
            }
            for stage in RefreshCadence.Stage.allCases where cadence.isDue(stage, now: now) {
                cadence.ran(stage, at: now)
                let waited = now - (oldestUnhandled[stage] ?? now)
                let before = result[stage] ?? (0, 0)
                result[stage] = (before.runs + 1, max(before.longestWait, waited))
                oldestUnhandled[stage] = nil
            }
            let wake = min(nextLine <= seconds ? nextLine : .infinity, cadence.nextDue() ?? .infinity)
            guard wake.isFinite else { break }
            now = max(wake, now + 1e-6)
        }
        #expect(oldestUnhandled.isEmpty, "work left undone: \(oldestUnhandled)")
        return result
    }

    @Test func aTrickleIsFollowedWithinEachIntervalAndNoMoreOften() {
        // 200 runs at a line a second each: a line every 5 ms for a minute.
        let cadence = RefreshCadence.live
        let result = simulate(cadence, gap: 0.005, seconds: 60)
        for stage in RefreshCadence.Stage.allCases {
            let interval = cadence.intervals[stage]!
            let seen = result[stage]!
            #expect(seen.longestWait <= interval + 1e-6, "\(stage) waited \(seen.longestWait) s")
            #expect(seen.longestWait <= 5, "\(stage): more than 5 s behind the data")
            #expect(seen.runs <= Int(60 / interval) + 2, "\(stage) ran \(seen.runs) times")
            #expect(seen.runs >= Int(60 / interval) - 1, "\(stage) ran only \(seen.runs) times")
        }
    }

    @Test func theFirstChangeAfterAQuietSpellIsHandledAtOnce() {
        var cadence = RefreshCadence.live
        cadence.dataChanged(at: 100)
        for stage in RefreshCadence.Stage.allCases {
            #expect(cadence.isDue(stage, now: 100))
            cadence.ran(stage, at: 100)
        }
        #expect(cadence.nextDue() == nil)
        // A second change right after: each stage waits for its interval, not longer.
        cadence.dataChanged(at: 100.1)
        #expect(!cadence.isDue(.frame, now: 100.2))
        #expect(cadence.isDue(.frame, now: 100.5))
        #expect(cadence.nextDue() == 100.5)
        // Quiet again for longer than every interval: at once.
        cadence = RefreshCadence.live
        cadence.ran(.diagnosis, at: 0)
        cadence.changed(.diagnosis, at: 10)
        #expect(cadence.isDue(.diagnosis, now: 10))
        #expect(!cadence.isPending(.frame))
    }
}
