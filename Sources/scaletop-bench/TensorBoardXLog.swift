import Foundation
import ScaleTopCore
import ScaleTopSimulation

/// A long TensorBoard event file laid out as tensorboardX's `SummaryWriter` writes one: the
/// file-version event, then per step one event per `add_scalar` (`train/loss`, `train/tokens`,
/// `lr`: wall time, step, one `simple_value`), and every 200 to 2,000 steps an `add_histogram`
/// event of 100,000 normal samples in 614 buckets (the bucket count tensorboardX's default bins
/// give such samples), each bucket's limit and count a packed double.
enum TensorBoardXLog {
    static let histogramSamples = 100_000
    static let histogramBuckets = 614

    /// Writes the file (reused while it has the size this many steps give) and returns its size.
    static func ensure(path: String, steps: Int) throws -> Int {
        let fm = FileManager.default
        let sizeFile = path + ".steps"
        if let size = try? fm.attributesOfItem(atPath: path)[.size] as? Int,
           let written = try? String(contentsOfFile: sizeFile, encoding: .utf8), written == "\(steps) \(size)" {
            return size
        }
        var rng = SplitMix64(seed: 20)
        var out: [UInt8] = []
        out.reserveCapacity(steps * 160)
        var wallTime = 1.7954e9
        var event: [UInt8] = []
        append(record: fileVersionEvent(wallTime), to: &out)
        var nextHistogram = 200
        // Bucket limits as a histogram of standard normal samples has them: about ±4.
        let limits = (0..<histogramBuckets).map { -4.2 + 8.6 * Double($0 + 1) / Double(histogramBuckets) }
        var counts = [Double](repeating: 0, count: histogramBuckets)
        for step in 1...steps {
            let loss = 2 + 10 / pow(Double(step), 0.3)
            for (tag, value) in [("train/loss", loss), ("train/tokens", Double(step * 65_536)), ("lr", 3e-4)] {
                wallTime += 0.0001
                scalarEvent(&event, wallTime: wallTime, step: step, tag: tag, value: Float(value))
                append(record: event, to: &out)
            }
            if step == nextHistogram {
                for k in counts.indices { counts[k] = 0 }
                var sum = 0.0, squares = 0.0, low = Double.infinity, high = -Double.infinity
                for _ in 0..<histogramSamples {
                    let x = rng.nextGaussian()
                    sum += x
                    squares += x * x
                    low = min(low, x)
                    high = max(high, x)
                    let bucket = min(histogramBuckets - 1, max(0, Int((x + 4.2) / 8.6 * Double(histogramBuckets))))
                    counts[bucket] += 1
                }
                wallTime += 0.001
                histogramEvent(&event, wallTime: wallTime, step: step, limits: limits, counts: counts, summary: (low, high, sum, squares))
                append(record: event, to: &out)
                nextHistogram += 200 + Int(rng.nextUnitInterval() * 1_800)
            }
        }
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(out).write(to: URL(fileURLWithPath: path))
        try "\(steps) \(out.count)".write(toFile: sizeFile, atomically: true, encoding: .utf8)
        return out.count
    }

    // MARK: - Protobuf and TFRecord encoding

    private static func fileVersionEvent(_ wallTime: Double) -> [UInt8] {
        var event: [UInt8] = []
        fixed64(&event, field: 1, wallTime.bitPattern)
        bytes(&event, field: 3, Array("brain.Event:2".utf8))
        return event
    }

    private static func scalarEvent(_ event: inout [UInt8], wallTime: Double, step: Int, tag: String, value: Float) {
        var item: [UInt8] = []
        bytes(&item, field: 1, Array(tag.utf8))
        key(&item, field: 2, type: 5)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { item.append(contentsOf: $0) }
        event.removeAll(keepingCapacity: true)
        header(&event, wallTime: wallTime, step: step)
        bytes(&event, field: 5, lengthDelimited(field: 1, item))
    }

    private static func histogramEvent(
        _ event: inout [UInt8], wallTime: Double, step: Int, limits: [Double], counts: [Double],
        summary: (min: Double, max: Double, sum: Double, squares: Double)
    ) {
        var histogram: [UInt8] = []
        fixed64(&histogram, field: 1, summary.min.bitPattern)
        fixed64(&histogram, field: 2, summary.max.bitPattern)
        fixed64(&histogram, field: 3, Double(histogramSamples).bitPattern)
        fixed64(&histogram, field: 4, summary.sum.bitPattern)
        fixed64(&histogram, field: 5, summary.squares.bitPattern)
        bytes(&histogram, field: 6, packed(limits))
        bytes(&histogram, field: 7, packed(counts))
        var item: [UInt8] = []
        bytes(&item, field: 1, Array("weights/layer0".utf8))
        bytes(&item, field: 5, histogram)
        event.removeAll(keepingCapacity: true)
        header(&event, wallTime: wallTime, step: step)
        bytes(&event, field: 5, lengthDelimited(field: 1, item))
    }

    private static func header(_ event: inout [UInt8], wallTime: Double, step: Int) {
        fixed64(&event, field: 1, wallTime.bitPattern)
        key(&event, field: 2, type: 0)
        varint(&event, UInt64(step))
    }

    private static func packed(_ values: [Double]) -> [UInt8] {
        var out: [UInt8] = []
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    private static func lengthDelimited(field: Int, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        bytes(&out, field: field, payload)
        return out
    }

    private static func key(_ out: inout [UInt8], field: Int, type: UInt64) { varint(&out, UInt64(field) << 3 | type) }

    private static func varint(_ out: inout [UInt8], _ value: UInt64) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func fixed64(_ out: inout [UInt8], field: Int, _ value: UInt64) {
        key(&out, field: field, type: 1)
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func bytes(_ out: inout [UInt8], field: Int, _ payload: [UInt8]) {
        key(&out, field: field, type: 2)
        varint(&out, UInt64(payload.count))
        out.append(contentsOf: payload)
    }

    /// One TFRecord: length, its masked CRC-32C, the payload, the payload's masked CRC-32C.
    private static func append(record payload: [UInt8], to out: inout [UInt8]) {
        let length = withUnsafeBytes(of: UInt64(payload.count).littleEndian) { Array($0) }
        out.append(contentsOf: length)
        withUnsafeBytes(of: CRC32.masked(CRC32.castagnoli.checksum(length)).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: payload)
        withUnsafeBytes(of: CRC32.masked(CRC32.castagnoli.checksum(payload)).littleEndian) { out.append(contentsOf: $0) }
    }
}
