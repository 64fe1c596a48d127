import Foundation
import ScaleTopCore

/// The writer of the append benchmark: typical training-log lines (the 8 keys of `TypicalLog`,
/// numbers written the way Python's json writes them), every line the same length so that a
/// consumer's progress can be told from a byte offset alone. The header line of file `k` is
/// `header(k)`; after it come lines of exactly `lineLength` bytes.
///
/// Run as a child (`scaletop-bench append-writer ...`, not in the usage text) so the bench's
/// own process only watches: it appends to every file in turn, `linesPerWrite` whole lines per
/// write(2), for `seconds` or until `maxBytes` in all, at `rate` lines a second (0: as fast as
/// it can), and prints `lines bytes start end` (monotonic seconds) when done.
enum AppendWriter {
    static let template = Array(
        "{\"step\": 20000000, \"tokens\": 10485760000000, \"loss\": 0.000000000000000, \"lr\": 0.0000000000000000, \"grad_norm\": 0.0000000000000000, \"tokens_per_sec\": 100000, \"epoch\": 0, \"time\": 1795400000.00}\n".utf8)
    static var lineLength: Int { template.count }
    static let firstStep: UInt64 = 20_000_000

    static func header(_ k: Int) -> String {
        "{\"run\": \"run\(k)\", \"params\": \(1e7 * pow(2, Double(k % 8))), \"tokens_per_step\": 524288}\n"
    }

    static func path(_ directory: String, _ k: Int) -> String { String(format: "%@/run%03d.jsonl", directory, k) }

    /// Lines in file `k` of `size` bytes (the header counts as one).
    static func lines(file k: Int, size: Int) -> Int {
        let h = header(k).utf8.count
        return size < h ? 0 : 1 + (size - h) / lineLength
    }

    /// Where each number's digits end in the template (the byte after its last digit).
    private static func end(after key: String, digits: Int) -> Int {
        let needle = Array("\"\(key)\": ".utf8)
        var i = 0
        while !template[i..<(i + needle.count)].elementsEqual(needle) { i += 1 }
        return i + needle.count + digits
    }

    static func run(directory: String, files: Int, seconds: Double, linesPerWrite: Int, rate: Double, maxBytes: Int) throws {
        let fds = try (0..<files).map { k -> Int32 in
            let fd = open(path(directory, k), O_WRONLY | O_APPEND)
            guard fd >= 0 else { throw BenchError.peerFailed("cannot open \(path(directory, k))") }
            return fd
        }
        let stepEnd = end(after: "step", digits: 8), tokensEnd = end(after: "tokens", digits: 14)
        let lossEnd = end(after: "loss", digits: 17), lrEnd = end(after: "lr", digits: 18)
        let gradEnd = end(after: "grad_norm", digits: 18), speedEnd = end(after: "tokens_per_sec", digits: 6)
        let timeEnd = end(after: "time", digits: 13)
        let n = lineLength
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: n * linesPerWrite)
        defer { buffer.deallocate() }
        for j in 0..<linesPerWrite { for b in 0..<n { buffer[j * n + b] = template[b] } }
        var steps = [UInt64](repeating: firstStep, count: files)
        let offsets = (0..<files).map { 400 / pow(1e7 * pow(2, Double($0 % 8)), 0.34) }
        var rng = SplitMix64(seed: 11)

        /// `value`'s last `count` decimal digits, ending just before `end`.
        func digits(_ value: UInt64, _ count: Int, before end: Int, in line: UnsafeMutablePointer<UInt8>) {
            var v = value
            for i in 1...count {
                line[end - i] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
            }
        }
        /// The first `count` digits of a fraction in [0, 1), ending just before `end`.
        func fraction(_ value: Double, _ count: Int, before end: Int, in line: UnsafeMutablePointer<UInt8>) {
            digits(UInt64(value * (count == 15 ? 1e15 : 1e16)), count, before: end, in: line)
        }

        var written = 0, bytes = 0
        let start = MonotonicClock.now()
        var now = start
        let batchBytes = n * linesPerWrite
        writing: while now - start < seconds && bytes + batchBytes * files <= maxBytes {
            for k in 0..<files {
                for j in 0..<linesPerWrite {
                    let line = buffer + j * n
                    let step = steps[k]
                    steps[k] += 1
                    let i = Double(step - firstStep)
                    let u = Double(rng.next() >> 11) / 9_007_199_254_740_992
                    let loss = 1.7 + offsets[k] + 2e7 / (1e7 + i) + 0.02 * (u - 0.5)
                    digits(step, 8, before: stepEnd, in: line)
                    digits(step * 524_288, 14, before: tokensEnd, in: line)
                    fraction(loss - floor(loss), 15, before: lossEnd, in: line)
                    line[lossEnd - 17] = UInt8(truncatingIfNeeded: 48 + Int(loss))
                    fraction(0.0006 * u, 16, before: lrEnd, in: line)
                    fraction(u, 16, before: gradEnd, in: line)
                    digits(100_000 + (step &* 7919) % 10_000, 6, before: speedEnd, in: line)
                    let hundredths = UInt64(179_540_000_000) + (step - firstStep) * 125
                    digits(hundredths % 100, 2, before: timeEnd, in: line)
                    digits(hundredths / 100, 10, before: timeEnd - 3, in: line)
                }
                var done = 0
                while done < batchBytes {
                    let r = write(fds[k], buffer + done, batchBytes - done)
                    if r < 0 {
                        if errno == EINTR { continue }
                        break writing
                    }
                    done += r
                }
                written += linesPerWrite
                bytes += batchBytes
            }
            now = MonotonicClock.now()
            if rate > 0 {
                // Paced: sleep while ahead of the schedule.
                let ahead = Double(written) / rate - (now - start)
                if ahead > 0.0005 {
                    usleep(useconds_t(ahead * 1e6))
                    now = MonotonicClock.now()
                }
            }
        }
        let end = MonotonicClock.now()
        for fd in fds { close(fd) }
        print("\(written) \(bytes) \(start) \(end)")
    }
}
