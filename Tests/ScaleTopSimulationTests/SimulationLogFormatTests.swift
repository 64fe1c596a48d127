import Foundation
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

@Suite struct SimulationLogFormatTests {
    func parse(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    func nearlyEqual(_ parsed: Double?, _ value: Double) -> Bool {
        guard let parsed else { return false }
        return abs(parsed - value) <= 1e-14 * abs(value)
    }

    @Test func headerNamesTheRunAndItsPlan() throws {
        let run = SweepPlan.standard().runs[2]
        let header = try parse(SimulationLogFormat.headerLine(for: run))
        #expect(Set(header.keys).isSuperset(of: ["run", "params", "tokens_per_step", "total_tokens", "total_steps"]))
        // Its schedule (two-stage: knots) is declared too.
        #expect(run.schedule.kind == .twoStage && header["lr_schedule"] is [Any])
        #expect(header["run"] as? String == run.name)
        #expect((header["params"] as? NSNumber)?.intValue == run.params)
        #expect((header["tokens_per_step"] as? NSNumber)?.intValue == run.tokensPerStep)
        #expect((header["total_tokens"] as? NSNumber)?.intValue == run.totalTokens)
        #expect((header["total_steps"] as? NSNumber)?.intValue == run.totalSteps)
    }

    @Test func everyLineIsJSONExceptTheBareNaNOfADivergedRun() throws {
        let plan = SweepPlan.standard()
        var nanLines = 0
        for run in plan.runs {
            let curve = RunCurve(run: run, plan: plan)
            let points = Array(curve)
            let lines = SimulationLogFormat.lines(for: curve, runStartTime: 1.7e9)
            #expect(lines.count == points.count + 1)
            for (point, line) in zip(points, lines.dropFirst()) {
                #expect(!line.contains("\n"))
                if point.loss.isNaN {
                    // Python's json writes NaN unquoted; with it read as null the rest is JSON.
                    #expect(line.contains("\"loss\": NaN,"))
                    let object = try parse(line.replacingOccurrences(of: "NaN", with: "null"))
                    #expect(object["loss"] is NSNull)
                    nanLines += 1
                    continue
                }
                let object = try parse(line)
                #expect(Set(object.keys) == ["step", "tokens", "loss", "lr", "time"])
                #expect((object["step"] as? NSNumber)?.intValue == point.step)
                #expect((object["tokens"] as? NSNumber)?.intValue == point.tokens)
                // Foundation's JSON parser on Linux misses by a few ulps; the text itself round-trips
                // exactly (`numbersRoundTripExactly`).
                #expect(nearlyEqual((object["loss"] as? NSNumber)?.doubleValue, point.loss))
                #expect(nearlyEqual((object["lr"] as? NSNumber)?.doubleValue, point.learningRate))
                #expect(line.contains("\"loss\": \(point.loss.description),"))
            }
        }
        #expect(nanLines == FailureShape.nanPointsBeforeCrash)
    }

    @Test func numbersRoundTripExactly() {
        var generator = Xoshiro256StarStar(seed: 11)
        for _ in 0..<10_000 {
            let value = Double(bitPattern: generator.next() >> 2) // finite, positive, any exponent
            #expect(Double(SimulationLogFormat.jsonNumber(value)) == value)
        }
        for value in [0.1, 3.0, 6e-05, 1.7e9 + 0.123, 2.5e20] {
            #expect(Double(SimulationLogFormat.jsonNumber(value)) == value)
        }
        #expect(SimulationLogFormat.jsonNumber(.nan) == "NaN")
        #expect(SimulationLogFormat.jsonNumber(.infinity) == "Infinity")
        #expect(SimulationLogFormat.jsonNumber(-.infinity) == "-Infinity")
    }

    @Test func timesAreTheRunStartPlusElapsedTimeOverSpeed() throws {
        let point = SimulatedPoint(step: 10, tokens: 100, loss: 3, learningRate: 1e-3, elapsedSeconds: 30)
        let line = SimulationLogFormat.pointLine(for: point, runStartTime: 1_700_000_000, speed: 4)
        #expect((try parse(line)["time"] as? NSNumber)?.doubleValue == 1_700_000_007.5)
    }

    @Test func namesAreEscaped() throws {
        let text = "a\"b\\c\nd\u{1}é"
        let object = try JSONSerialization.jsonObject(
            with: Data(("[" + SimulationLogFormat.jsonString(text) + "]").utf8))
        #expect((object as? [String])?.first == text)
    }
}
