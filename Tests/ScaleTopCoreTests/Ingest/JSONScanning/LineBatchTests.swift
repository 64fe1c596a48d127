import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore
@testable import ScaleTopSimulation

/// Scanning a large read on several threads must give the sweep exactly what scanning it line
/// by line gives: the same runs with the same points in the same order, the same line and bad
/// line counts, the same envelope — including lines that switch runs, bad and cut lines, and
/// files that change between polls.
@Suite struct LineBatchTests {
    static func sweep(
        _ dir: TemporaryDirectory, threads: Int, sizes: LineBatch.Sizes = .init(), polls: [(TemporaryDirectory) throws -> Void] = []
    ) throws -> Sweep {
        var configuration = SweepReader.Configuration()
        configuration.scanThreads = threads
        configuration.batchSizes = sizes
        configuration.tailer.pollInterval = 0
        configuration.tailer.fullCheckInterval = 0
        let reader = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
        reader.poll(now: 0)
        for (k, change) in polls.enumerated() {
            try change(dir)
            reader.poll(now: Double(k + 1))
        }
        return reader.sweep
    }

    static func expectSame(_ a: Sweep, _ b: Sweep) {
        #expect(a.runs.map(\.name) == b.runs.map(\.name))
        for (x, y) in zip(a.runs, b.runs) {
            #expect(x.curve.loss.map(\.bitPattern) == y.curve.loss.map(\.bitPattern), "\(x.name)")
            #expect(x.curve.tokens.map(\.bitPattern) == y.curve.tokens.map(\.bitPattern), "\(x.name)")
            #expect(x.curve.step.map(\.bitPattern) == y.curve.step.map(\.bitPattern), "\(x.name)")
            #expect(x.meta == y.meta, "\(x.name)")
            #expect(x.nonFiniteLosses == y.nonFiniteLosses, "\(x.name)")
        }
        #expect(a.lineCounts == b.lineCounts)
        #expect(a.sources.map(\.badByKind) == b.sources.map(\.badByKind))
        #expect(a.sources.map(\.ignoredLines) == b.sources.map(\.ignoredLines))
        // When each file last grew, on the reader's clock (set in order with the lines; the
        // two reads ran moments apart, so within a few seconds).
        #expect(zip(a.sources, b.sources).allSatisfy { x, y in
            switch (x.lastGrowth, y.lastGrowth) {
            case (nil, nil): return true
            case let (p?, q?): return abs(p - q) < 5
            default: return false
            }
        })
        let (x, y) = (a.envelope.entries, b.envelope.entries)
        // Compared bit for bit: a NaN step is not equal to itself.
        func bits(_ e: ComputeEnvelope.Entry) -> [UInt64] { [e.flops.bitPattern, e.loss.bitPattern, UInt64(e.run), e.tokens.bitPattern, e.step.bitPattern] }
        let firstDifference = (0..<min(x.count, y.count)).first { bits(x[$0]) != bits(y[$0]) }
        #expect(x.count == y.count && firstDifference == nil,
                "envelopes of \(x.count) and \(y.count) entries differ at \(firstDifference.map { "\($0): \(x[$0]) vs \(y[$0])" } ?? "the end")")
    }

    /// Three files of 6000 lines: a file that names two runs in turn, bad and cut lines, NaN
    /// losses, nested and escaped lines that need the general scanner.
    static func writeSweep(_ dir: TemporaryDirectory) throws {
        var rng = TestRandom(seed: 17)
        for f in 0..<3 {
            var text = "{\"run\": \"r\(f)\", \"params\": \(1e7 * Double(f + 1)), \"tokens_per_step\": 4096}\n"
            for step in 1...6000 {
                let loss = 2 + 30 / Double(step).squareRoot() * (1 + 0.05 * (rng.nextUnitInterval() - 0.5))
                switch rng.next() % 50 {
                case 0: text += "{\"step\": \(step), \"loss\": 3.0\n"  // cut short
                case 1: text += "not json\n"
                case 2: text += "{\"step\": \(step), \"tokens\": \(step * 4096), \"loss\": NaN}\n"
                case 3: text += "{\"step\": \(step), \"train\": {\"loss\": \(loss)}, \"note\": \"a\\\"b\"}\n"
                case 4 where f == 2: text += "{\"run\": \"r2b\", \"params\": 5e7, \"tokens_per_step\": 4096}\n"
                case 5 where f == 2: text += "{\"run\": \"r2\"}\n"
                default: text += "{\"step\": \(step), \"tokens\": \(step * 4096), \"loss\": \(loss), \"lr\": \(rng.nextUnitInterval())}\n"
                }
            }
            _ = try dir.write("run\(f).jsonl", text)
        }
    }

    @Test func aLargeReadScannedOnFourThreadsEqualsOneThread() throws {
        let dir = try TemporaryDirectory()
        try Self.writeSweep(dir)
        let one = try Self.sweep(dir, threads: 1)
        let four = try Self.sweep(dir, threads: 4)
        #expect(one.runs.count == 4)
        #expect(one.lineCounts.read > 18_000)
        #expect(one.lineCounts.bad > 500)
        Self.expectSame(one, four)
    }

    /// Buffers of a few hundred lines, each split into chunks of 40 that every thread claims:
    /// the sweep is applied from about 190 buffers while later ones are being scanned, and run
    /// switches, bad lines and cut lines fall on every side of a buffer's and a chunk's edge.
    @Test func buffersAppliedWhileLaterOnesAreScannedGiveTheSameSweep() throws {
        let dir = try TemporaryDirectory()
        try Self.writeSweep(dir)
        let one = try Self.sweep(dir, threads: 1)
        let small = LineBatch.Sizes(bufferBytes: 6_000, parallelLines: 16, chunkLines: 40)
        let bytes = try (0..<3).reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: dir.path + "/run\($1).jsonl")[.size] as? Int ?? 0) }
        #expect(bytes / small.bufferBytes > 150)
        for threads in [2, 3] {
            Self.expectSame(one, try Self.sweep(dir, threads: threads, sizes: small))
        }
    }

    /// Each file's lines carry the clock of their own read (how long ago the file changed),
    /// also when the lines of several files are in flight together: a file quiet for 20
    /// minutes reads as quiet, its neighbour written 5 s ago as fresh.
    @Test func eachFilesLinesKeepTheirOwnClockWhileBuffersAreInFlight() throws {
        let dir = try TemporaryDirectory()
        try Self.writeSweep(dir)
        let ages: [Double] = [1200, 5, 600]
        for (k, age) in ages.enumerated() {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: dir.path + "/run\(k).jsonl")
        }
        let small = LineBatch.Sizes(bufferBytes: 50_000, parallelLines: 16, chunkLines: 40)
        for threads in [1, 2] {
            var configuration = SweepReader.Configuration()
            configuration.scanThreads = threads
            configuration.batchSizes = small
            configuration.tailer.oneShot = true
            let reader = SweepReader(roots: try LogPaths.resolve([dir.path]), configuration: configuration)
            reader.poll(now: 10_000)
            let growth = reader.sweep.sources.sorted { $0.path < $1.path }.map { 10_000 - ($0.lastGrowth ?? .nan) }
            #expect(growth.count == 3)
            for (measured, age) in zip(growth, ages) {
                #expect(abs(measured - age) < 3, "\(threads) threads: \(growth)")
            }
        }
    }

    @Test func growthTruncationAndSmallPollsGiveTheSameSweepOnEveryThreadCount() throws {
        let changes: [(TemporaryDirectory) throws -> Void] = [
            { try $0.append("run0.jsonl", "{\"step\": 7000, \"tokens\": 1e9, \"loss\": 1.5}\n{\"step\": 7001, \"lo") },
            { try $0.append("run0.jsonl", "ss\": 1.4}\n") },
            { _ = try $0.write("run1.jsonl", "{\"run\": \"r1\", \"params\": 2e7}\n{\"tokens\": 4096, \"loss\": 9.0}\n") },
        ]
        let dirs = try (0..<2).map { _ in try TemporaryDirectory() }
        for dir in dirs { try Self.writeSweep(dir) }
        let one = try Self.sweep(dirs[0], threads: 1, polls: changes)
        let two = try Self.sweep(dirs[1], threads: 2, polls: changes)
        #expect(one.run(named: "r1")?.curve.count == 1)
        #expect(one.run(named: "r0")?.curve.loss.last == 1.4)
        Self.expectSame(one, two)
    }

    @Test func theRealSweepReadsTheSameOnEveryThreadCount() throws {
        let path = SharedData.data("sweep-li2025").path
        func read(_ threads: Int) throws -> Sweep {
            var configuration = SweepReader.Configuration()
            configuration.scanThreads = threads
            configuration.tailer.oneShot = true
            let reader = SweepReader(roots: try LogPaths.resolve([path]), configuration: configuration)
            reader.poll(now: 0)
            return reader.sweep
        }
        let one = try read(1)
        #expect(one.runs.count == 11)
        Self.expectSame(one, try read(2))
    }
}
