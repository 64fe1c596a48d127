import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// The learning rate logged per line, in every format scaletop reads, kept as knots that
/// reproduce what was logged.
@Suite struct LoggedLearningRateTests {
    static let scheduleFolder = SharedData.data("schedules-mpl25m")

    static func scheduleFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: scheduleFolder.path).filter { $0.hasSuffix(".jsonl") }.sorted()
            .map { scheduleFolder.appendingPathComponent($0) }
    }

    /// Every `(step, lr)` a JSONL file logged, read with Foundation's parser.
    static func loggedRates(_ url: URL) throws -> [(step: Double, lr: Double)] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard let step = (object?["step"] as? NSNumber)?.doubleValue, let lr = (object?["lr"] as? NSNumber)?.doubleValue else { return nil }
            return (step, lr)
        }
    }

    @Test func theNineRealSchedulesAreKeptWithinTolerance() throws {
        let files = try Self.scheduleFiles()
        #expect(files.count == 9)
        let sweep = try FormatReading.read(Self.scheduleFolder.path)
        for url in files {
            let name = url.deletingPathExtension().lastPathComponent
            let run = try #require(sweep.run(named: name))
            let log = try #require(run.learningRates, "\(name) logs lr on every line")
            let logged = try Self.loggedRates(url)
            #expect(log.logged == logged.count)
            let peak = logged.map(\.lr).max()!
            for (step, lr) in logged {
                let kept = try #require(run.learningRate(atStep: step))
                // Within the tolerance (relative, near zero relative to 1 % of the peak), twice
                // over for the stretch still open at the end, plus float rounding.
                #expect(abs(kept - lr) <= 2 * LearningRateLog.initialTolerance * max(lr, 0.01 * peak) + 1e-7 * peak, "\(name) step \(step)")
            }
            // A schedule is a few knots, not one per line.
            #expect(log.count <= logged.count / 2, "\(name): \(log.count) knots for \(logged.count) lines")
            // The accessor by point index agrees with the one by step.
            for i in stride(from: 0, to: run.curve.count, by: 17) {
                #expect(run.learningRate(atPoint: i) == run.learningRate(atStep: run.curve.step[i]))
            }
        }
        // The header's `peak_lr` declares the schedule, it is no logged point; nothing before the
        // first logged step.
        let cosine = try #require(sweep.run(named: "25M-cosine_24000")?.learningRates)
        #expect(cosine.firstStep == 2160)
    }

    @Test(arguments: [1_000, 100_000]) func aLongCosineIsAFewKnots(steps: Int) {
        var log = LearningRateLog()
        for s in 0...steps {
            let p = Double(s) / Double(steps)
            log.append(step: Double(s), lr: 3e-5 + (3e-4 - 3e-5) * 0.5 * (1 + cos(Double.pi * p)))
        }
        #expect(log.count < 120, "\(log.count) knots")
        for s in stride(from: 0, through: steps, by: max(1, steps / 997)) {
            let p = Double(s) / Double(steps)
            let lr = 3e-5 + (3e-4 - 3e-5) * 0.5 * (1 + cos(Double.pi * p))
            #expect(abs(log.lr(atStep: Double(s))! - lr) <= 2 * LearningRateLog.initialTolerance * lr + 1e-9)
        }
    }

    @Test func aNoisyRateStaysBoundedAsItsLocalMean() {
        var log = LearningRateLog()
        var rng = TestRandom(seed: 11)
        let steps = 40 * LearningRateLog.capacity
        var total = 0.0
        for s in 1...steps {
            let lr = 1e-3 * (0.5 + rng.unit())
            total += lr
            log.append(step: Double(s), lr: lr)
        }
        #expect(log.count <= LearningRateLog.capacity + 1)
        // The mean over the run survives the averaging.
        var sum = 0.0
        for s in 1...steps { sum += log.lr(atStep: Double(s))! }
        #expect(abs(sum / total - 1) < 0.02)
    }

    @Test func stepsLoggedAgainAndBadValuesAreSkipped() {
        var log = LearningRateLog()
        log.append(step: 10, lr: 1e-3)
        log.append(step: 20, lr: 1e-3)
        log.append(step: 15, lr: 9)  // a resumed run logging an earlier step
        log.append(step: 30, lr: .nan)
        log.append(step: 40, lr: -1)
        #expect(log.logged == 2)
        #expect(abs(log.lr(atStep: 15)! - 1e-3) < 1e-9)
        #expect(LearningRateLog().lr(atStep: 3) == nil)
    }

    @Test func everyAliasOfTheTableIsRead() throws {
        let dir = try TemporaryDirectory()
        for (k, key) in LogField.learningRate.aliases.enumerated() {
            // Slash keys also nested, as people log them.
            let value = "\(Double(k + 1) * 1e-4)"
            let parts = key.split(separator: "/")
            let entry = parts.count == 2 ? "\"\(parts[0])\": {\"\(parts[1])\": \(value)}" : "\"\(key)\": \(value)"
            _ = try dir.write("r\(k).jsonl", "{\"step\": 5, \"loss\": 3.0, \(entry)}\n{\"step\": 6, \"loss\": 2.9}\n")
        }
        let sweep = try FormatReading.read(dir.url.path)
        for k in LogField.learningRate.aliases.indices {
            #expect(sweep.run(named: "r\(k)")?.learningRate(atStep: 5) == Double(k + 1) * 1e-4, "\(LogField.learningRate.aliases[k])")
        }
    }

    @Test func aHeaderLearningRateIsTheDeclaredPeakNotALoggedPoint() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("a.jsonl", """
            {"run": "a", "learning_rate": 3e-4, "lr_scheduler_type": "linear", "total_steps": 100}
            {"step": 10, "loss": 3.0, "learning_rate": 2.7e-4}
            {"loss": 2.9, "learning_rate": 2.5e-4}
            {"step": 30, "loss": 2.8, "learning_rate": 2.1e-4}

            """)
        let sweep = try FormatReading.read(dir.url.path)
        let log = try #require(sweep.run(named: "a")?.learningRates)
        #expect(log.logged == 2)  // the header and the line without a step are not points
        #expect(log.firstStep == 10)
        #expect(abs(log.lr(atStep: 20)! - 2.4e-4) < 1e-9)
        guard case let .success(schedule)? = sweep.schedules["a"] else { Issue.record("no schedule"); return }
        #expect(schedule.lr(atStep: 0) == 3e-4)
    }

    @Test func trainerStateLearningRatePerEntry() throws {
        let dir = try TemporaryDirectory()
        let entries = (1...30).map { k in
            "{\"learning_rate\": \(5e-5 * (1 - Double(k) / 30)), \"loss\": \(3.0 - Double(k) * 0.01), \"step\": \(10 * k)}"
        }
        _ = try dir.write("trainer_state.json", "{\"global_step\": 300, \"max_steps\": 300, \"log_history\": [\(entries.joined(separator: ", "))]}")
        let sweep = try FormatReading.read(dir.url.path)
        let run = try #require(sweep.runs.first)
        #expect(run.learningRates?.logged == 30)
        for k in [1, 7, 15, 29] {
            #expect(abs(run.learningRate(atStep: Double(10 * k))! - 5e-5 * (1 - Double(k) / 30)) < 1e-10)
        }
    }

    @Test func lightningLearningRateMonitorColumn() throws {
        // LearningRateMonitor writes its own rows (`lr-AdamW` and the step), the training loss
        // comes in others.
        var text = "epoch,lr-AdamW,step,train_loss\n"
        for k in 0..<40 {
            text += "0,\(1e-3 * (1 - Double(k) / 40)),\(50 * k),\n"
            text += "0,,\(50 * k + 49),\(4.0 - Double(k) * 0.02)\n"
        }
        let dir = try TemporaryDirectory()
        _ = try dir.write("metrics.csv", text)
        let sweep = try FormatReading.read(dir.url.path)
        let run = try #require(sweep.runs.first)
        #expect(run.curve.count == 40)
        #expect(run.learningRates?.logged == 40)
        #expect(abs(run.learningRate(atStep: 500)! - 1e-3 * 0.75) < 1e-9)
        #expect(abs(run.learningRate(atPoint: 10)! - 1e-3 * (1 - 10.98 / 40)) < 2e-6)
    }

    /// A tensorboardX scalar event: `Event { wall_time (1), step (2), summary (5) { value (1) { tag (1), simple_value (2) } } }`.
    static func scalarEvent(step: Int, tag: String, value: Float) -> [UInt8] {
        let v = WandbConfigUpdateTests.field(1, Array(tag.utf8)) + [0x15] + withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
        let summary = WandbConfigUpdateTests.field(1, v)
        return [0x09] + withUnsafeBytes(of: (1.7e9 + Double(step)).bitPattern.littleEndian, Array.init)
            + [0x10] + WandbConfigUpdateTests.varint(UInt64(step)) + WandbConfigUpdateTests.field(5, summary)
    }

    @Test(arguments: ["train/learning_rate", "lr-AdamW", "lr/group_0"]) func tensorBoardScalarTags(tag: String) throws {
        var bytes: [UInt8] = []
        for k in 1...50 {
            bytes += BinaryLogBytes.tfRecord(Self.scalarEvent(step: 10 * k, tag: "train/loss", value: Float(4 - 0.01 * Double(k))))
            bytes += BinaryLogBytes.tfRecord(Self.scalarEvent(step: 10 * k, tag: tag, value: Float(6e-4 * (1 - Double(k) / 50))))
        }
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: dir.file("tb"), withIntermediateDirectories: true)
        _ = try dir.write("tb/events.out.tfevents.1700000000.host", bytes: bytes)
        let sweep = try FormatReading.read(dir.url.path)
        let run = try #require(sweep.runs.first)
        #expect(run.curve.count == 50)
        #expect(run.learningRates?.logged == 50)
        #expect(abs(run.learningRate(atStep: 250)! - Double(Float(6e-4 * 0.5))) < 1e-9)
    }

    @Test func wandbFixturesLogTheirLearningRate() throws {
        let sweep = try FormatReading.read(SharedData.data("wandb-offline").path)
        #expect(sweep.runs.count == 4)
        for run in sweep.runs {
            let log = try #require(run.learningRates, "\(run.name)")
            // `run.log({"train/loss", "train/tokens", "lr"})`: a rate with every point.
            #expect(log.logged == run.curve.count)
            #expect(log.peak > 0 && log.peak < 1)
        }
    }

    /// `Record { history (2) { item (1) { key, value_json (16) }..., step (2) { num (1) } } }`.
    static func historyRecord(step: Int, _ items: [(String, String)]) -> [UInt8] {
        var history: [UInt8] = []
        for (key, value) in items {
            history += WandbConfigUpdateTests.field(1, WandbConfigUpdateTests.field(1, Array(key.utf8)) + WandbConfigUpdateTests.field(16, Array(value.utf8)))
        }
        history += WandbConfigUpdateTests.field(2, [0x08] + WandbConfigUpdateTests.varint(UInt64(step)))
        return WandbConfigUpdateTests.field(2, history)
    }

    @Test func wandbHistoryRateAndConfigSchedule() throws {
        var log = WandbLogBytes()
        let items = [("lr_scheduler_type", "\"cosine\""), ("total_steps", "1000"), ("peak_lr", "{\"value\": 0.001}"), ("warmup_steps", "0")]
        var record: [UInt8] = []
        for (key, value) in items {
            record += WandbConfigUpdateTests.field(1, WandbConfigUpdateTests.field(1, Array(key.utf8)) + WandbConfigUpdateTests.field(16, Array(value.utf8)))
        }
        log.appendRecord(WandbConfigUpdateTests.field(5, record))
        for k in 1...20 {
            log.appendRecord(Self.historyRecord(step: 20 * k, [("train/loss", "\(4 - 0.02 * Double(k))"), ("train/lr", "\(1e-3 * (1 - Double(k) / 40))")]))
        }
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: dir.file("run-x"), withIntermediateDirectories: true)
        _ = try dir.write("run-x/run-abc.wandb", bytes: log.bytes)
        let sweep = try FormatReading.read(dir.url.path)
        let run = try #require(sweep.runs.first)
        #expect(run.learningRates?.logged == 20)
        #expect(abs(run.learningRate(atStep: 200)! - 1e-3 * 0.75) < 1e-9)
        guard case let .success(schedule)? = sweep.schedules[run.name] else { Issue.record("no schedule for \(run.name): \(sweep.schedules)"); return }
        #expect(schedule.name == "cosine")
        #expect(abs(schedule.lr(atStep: 500) - 5e-4) < 1e-6)
        #expect(abs(schedule.lr(atStep: 0) - 1e-3) < 1e-9)
    }
}
