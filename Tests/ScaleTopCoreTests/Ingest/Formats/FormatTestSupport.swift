import Foundation
import ScaleTopTestSupport
import Testing
@testable import ScaleTopCore

/// Readers over temporary or shared folders for the format tests.
enum FormatReading {
    static func reader(_ paths: [String], polling: Bool = true, lossKey: String? = nil, oneShot: Bool = false) throws -> SweepReader {
        var configuration = SweepReader.Configuration()
        configuration.lossKey = lossKey
        configuration.tailer.forcePolling = polling
        configuration.tailer.oneShot = oneShot
        // Each poll is a full check, so the tests do not depend on timing.
        configuration.tailer.pollInterval = 0
        configuration.tailer.fullCheckInterval = 0
        return SweepReader(roots: try LogPaths.resolve(paths), configuration: configuration)
    }

    static func read(_ path: String) throws -> Sweep {
        let r = try reader([path], oneShot: true)
        r.poll(now: 1)
        return r.sweep
    }

    static func losses(_ sweep: Sweep, _ run: String) -> [Double] {
        sweep.run(named: run).map { Array($0.curve.loss) } ?? []
    }

    /// The losses of the run's series of loss key `key` (its own or another).
    static func losses(_ sweep: Sweep, _ run: String, key: String) -> [Double] {
        sweep.run(named: run)?.series(forKey: key).map { Array($0.curve.loss) } ?? []
    }

    static func points(_ sweep: Sweep, _ run: String) -> [LogPoint] {
        guard let curve = sweep.run(named: run)?.curve else { return [] }
        return (0..<curve.count).map { curve[$0] }
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// The only file in a shared folder whose name starts with `prefix`.
    static func sharedFile(_ folder: String, prefix: String) throws -> URL {
        let dir = SharedData.data(folder)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(prefix) })
        return dir.appendingPathComponent(name)
    }

    /// Start offsets of the TFRecords of an event file, found by walking the length fields
    /// alone (independent of the framing under test).
    static func tfRecordOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var i = 0
        while i + 12 <= bytes.count {
            offsets.append(i)
            var length = 0
            for k in 0..<8 { length |= Int(bytes[i + k]) << (8 * k) }
            i += 16 + length
        }
        return offsets
    }
}

extension FormatReading {
    /// Equal points, NaN (an absent value) equal to NaN.
    static func same(_ a: [LogPoint], _ b: [LogPoint]) -> Bool {
        func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        return a.count == b.count && zip(a, b).allSatisfy {
            same($0.step, $1.step) && same($0.tokens, $1.tokens) && same($0.loss, $1.loss)
                && same($0.flops, $1.flops) && same($0.time, $1.time)
        }
    }
}
