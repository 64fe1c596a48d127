import Foundation
import ScaleTopCore
import ScaleTopSimulation

/// A typical training log: 8 keys a line, numbers as Python's json writes them.
enum TypicalLog {
    static let keysPerLine = 8

    static let orjsonLoop = """
        import sys, orjson
        n = 0
        for path in sys.argv[1:]:
            with open(path, 'rb') as f:
                for line in f:
                    o = orjson.loads(line)
                    x = (o.get('tokens'), o.get('loss'))
                    n += 1
        """

    /// Writes the files once (reused while their total size matches) and returns their paths.
    static func ensure(directory: String, megabytes: Int, files: Int) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let paths = (0..<files).map { String(format: "%@/run%03d.jsonl", directory, $0) }
        let perFile = megabytes * 1_000_000 / files
        let existing = paths.allSatisfy { ((try? fm.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0) >= perFile }
        if existing { return paths }
        var rng = SplitMix64(seed: 7)
        for (k, path) in paths.enumerated() {
            let params = 1e7 * pow(2, Double(k % 8))
            var text = "{\"run\": \"run\(k)\", \"params\": \(params), \"tokens_per_step\": 524288}\n"
            var step = 0
            var out = Data()
            while out.count < perFile {
                step += 1
                let tokens = step * 524_288
                let loss = 1.7 + 400 / pow(params, 0.34) + 410 / pow(Double(tokens), 0.28)
                let noisy = loss * (1 + 0.02 * (rng.nextUnitInterval() - 0.5))
                text += "{\"step\": \(step), \"tokens\": \(tokens), \"loss\": \(noisy), \"lr\": \(0.0006 * rng.nextUnitInterval()), \"grad_norm\": \(rng.nextUnitInterval()), \"tokens_per_sec\": \(Int(1e5 + 1e4 * rng.nextUnitInterval())), \"epoch\": 0, \"time\": \(1.7954e9 + Double(step) * 1.25)}\n"
                if text.utf8.count > 1 << 20 {
                    out.append(contentsOf: text.utf8)
                    text = ""
                }
            }
            out.append(contentsOf: text.utf8)
            try out.write(to: URL(fileURLWithPath: path))
        }
        return paths
    }
}
