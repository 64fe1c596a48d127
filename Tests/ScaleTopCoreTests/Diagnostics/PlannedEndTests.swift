import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing

/// A run is finished when its latest logged step is its last one, also when the logging interval
/// does not divide the planned steps.
@Suite struct PlannedEndTests {
    @Test func theRealScheduleRunsThatLoggedTheirLastStepReadFinished() throws {
        let reader = SweepReader(roots: try LogPaths.resolve([SharedData.data("schedules-mpl25m").path]))
        reader.poll(now: 0)
        var finished: [String] = [], notFinished: [String] = []
        for run in reader.sweep.runs {
            let basic = RunStatusVerdict.basic(for: run)
            var context = RunDiagnosticsContext()
            context.schedule = reader.sweep.schedules[run.name]
            let full = RunDiagnostics.diagnose(CurveSeries(run: run), context: context, projecting: false).verdict
            #expect((basic.status == .finished) == (full.status == .finished), "\(run.name): \(basic) vs \(full)")
            #expect(full.status != .plateau && full.status != .diverged, "\(run.name): \(full)")
            if full.status == .finished { finished.append(run.name) } else { notFinished.append(run.name) }
        }
        // Logged every 128 (or 16) steps up to 23,904–71,936 of 24,000 / 72,000: the next log
        // would pass the plan. The wsdcon runs' files stop at 14,144 of 16,000 and are not done.
        #expect(finished.sorted() == ["25M-constant_24000", "25M-constant_72000", "25M-cosine_24000", "25M-cosine_72000", "25M-wsd_20000_24000", "25M-wsdld_20000_24000"])
        #expect(notFinished.sorted() == ["25M-wsdcon_18", "25M-wsdcon_3", "25M-wsdcon_9"])
    }

    @Test func theNextLogAtTheRunsIntervalDecides() {
        func reached(_ steps: [Double], _ planned: Double) -> Bool {
            var sweep = Sweep()
            let source = sweep.addSource(path: "r.jsonl", defaultRunName: "r")
            let lines = ["{\"total_steps\": \(Int(planned))}"] + steps.map { "{\"step\": \(Int($0)), \"loss\": 3}" }
            var scanner = LineScanner()
            for line in lines {
                let outcome = scanner.scan(line)
                sweep.ingest(outcome, scanner.record, source: source)
            }
            let basic = RunStatusVerdict.basic(for: sweep.runs[0]).status
            let full = RunDiagnostics.diagnose(CurveSeries(run: sweep.runs[0]), context: RunDiagnosticsContext(), projecting: false).verdict.status
            #expect(basic == full, "\(steps)")
            return full == .finished
        }
        #expect(reached([23680, 23808, 23936], 24000))
        #expect(!reached([23552, 23680, 23808], 24000))
        // An interval that divides the plan waits for the last step itself.
        #expect(!reached([23800, 23900], 24000))
        #expect(reached([23900, 24000], 24000))
        // 0-based steps: 23,999 is the last of 24,000.
        #expect(reached([23998, 23999], 24000))
        // A single point, or a gap wider than a fifth of the plan, proves nothing.
        #expect(!reached([23936], 24000))
        #expect(!reached([5000, 19000], 24000))
    }
}
