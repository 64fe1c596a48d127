import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// A log found while still empty (its run just started, as the demo's are when the view opens
/// with them) still has its declared schedule read, once the first line is written.
@Suite struct LateScheduleHeaderTests {
    @Test func aScheduleDeclaredAfterTheLogWasFoundIsRead() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("runs/a.jsonl", "")
        let reader = SweepReader(roots: try LogPaths.resolve([dir.path + "/runs"]))
        _ = reader.poll(now: 0)
        #expect(reader.sweep.schedules["a"] == nil)
        try dir.append("runs/a.jsonl", "{\"params\": 1e8, \"total_steps\": 1000, \"lr_scheduler_type\": \"warmup_stable_decay\", \"peak_lr\": 0.001}\n")
        try dir.append("runs/a.jsonl", "{\"step\": 10, \"loss\": 5.0, \"lr\": 0.001}\n")
        _ = reader.poll(now: 100)
        _ = reader.poll(now: 200)
        let schedule = try #require(try reader.sweep.schedules["a"]?.get())
        #expect(schedule.name == "warmup_stable_decay")
        #expect(schedule.lr(atStep: 500) == 0.001)
        #expect(reader.sweep.runs.first?.usablePoints == 1)
    }
}
