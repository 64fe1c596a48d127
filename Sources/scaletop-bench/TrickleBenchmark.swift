import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopProcess

/// The steady state of a live sweep: `runs` runs with a `backlog`-point history each (planned 5×
/// longer), then every run appending one line a second for `seconds` seconds, watched at the same
/// time by the live view (tmux 120×40), `report --json --follow` and `tail -F` (the peer) on the
/// same files. Prints each one's CPU share of a core over the trickle, and the live view's and
/// follow mode's CPU by stage (from `SCALETOP_STAGE_LOG`), per second of trickle.
struct TrickleBenchmark {
    var runs = 200
    var backlog = 4000
    var seconds = 60
    var directory = "/tmp/scaletop-bench-trickle"

    func run(binary: String) throws {
        let paths = try writeBacklog()
        print("trickle: \(runs) runs, \(backlog)-point backlog each (planned \(backlog * 5) steps), then 1 line a second each for \(seconds) s; tmux 120x40, release build")
        let session = "scaletop-trickle-\(getpid())"
        let liveStages = "/tmp/\(session).live.json", followStages = "/tmp/\(session).follow.json"
        defer {
            _ = try? LiveBenchmark.tmux(["kill-session", "-t", session])
            for path in [liveStages, followStages] { try? FileManager.default.removeItem(atPath: path) }
        }
        try LiveBenchmark.tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                                "env LANG=C.UTF-8 SCALETOP_STAGE_LOG='\(liveStages)' '\(binary)' '\(directory)' --target 1e22; sleep 30"])
        guard LiveBenchmark.waitForScreen(session, timeout: 120, { $0.contains("runs \(runs)") && $0.contains("α") }) != nil else {
            throw BenchError.peerFailed("the live view showed no fit within 120 s")
        }
        let live = try LiveBenchmark.panePid(session)
        let follow = try ProcessSpawn.spawn(binary, ["report", directory, "--json", "--follow", "--target", "1e22"],
                                            environment: LiveBenchmark.environment + ["SCALETOP_STAGE_LOG=\(followStages)"], output: "/dev/null")
        let tail = try ProcessSpawn.spawn("/usr/bin/tail", ["-q", "-F", "-n", "0"] + paths, environment: LiveBenchmark.environment, output: "/dev/null")
        defer {
            for pid in [follow, tail] {
                kill(pid, SIGTERM)
                _ = LiveBenchmark.waitForExit(pid, timeout: 5)
            }
        }
        // Every fit of the backlog (band, parametric) done in both: a quiet second each.
        for pid in [live, follow] { LiveBenchmark.waitUntilQuiet(pid) }

        let processes = [live, follow, tail]
        let before = processes.map(LiveBenchmark.threadRuntimes)
        let stagesBefore = [Self.stages(liveStages), Self.stages(followStages)]
        let start = MonotonicClock.now()
        let written = try trickle(paths)
        // The last lines' work: one more cadence of every stage.
        sleep(5)
        let elapsed = MonotonicClock.now() - start
        let after = processes.map(LiveBenchmark.threadRuntimes)
        let stagesAfter = [Self.stages(liveStages), Self.stages(followStages)]
        func share(_ i: Int) -> Double {
            after[i].reduce(0) { $0 + $1.value - (before[i][$1.key] ?? 0) } / elapsed
        }
        print(String(format: "  lines written                   %d in %.0f s (%.0f a second)", written, Double(seconds), Double(written) / Double(seconds)))
        print(String(format: "  live view                       %6.2f %% of a core over %.0f s   (tail -F on the same files: %.2f %%; target ≤ 3 %%)", share(0) * 100, elapsed, share(2) * 100))
        print(String(format: "  report --json --follow          %6.2f %% of a core                (target ≤ 2 %%)", share(1) * 100))
        for (name, i) in [("live view", 0), ("report --follow", 1)] {
            let stages = stagesAfter[i].keys.sorted().map { stage in
                String(format: "%@ %.2f", stage, (stagesAfter[i][stage]! - (stagesBefore[i][stage] ?? 0)) / elapsed * 1000)
            }
            print("  \(name) by stage, ms of CPU a second: " + stages.joined(separator: ", "))
        }
    }

    /// The runs' files with their backlog (rewritten each time: the trickle lengthens them).
    func writeBacklog() throws -> [String] {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: 11)
        return try (0..<runs).map { k in
            let path = String(format: "%@/run%03d.jsonl", directory, k)
            let params = 1e7 * pow(2, Double(k % 8))
            var text = "{\"run\": \"run\(k)\", \"params\": \(params), \"tokens_per_step\": 65536, \"total_steps\": \(backlog * 5)}\n"
            for step in 1...backlog { text += Self.line(step: step, params: params, rng: &rng) }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static func line(step: Int, params: Double, rng: inout SplitMix64) -> String {
        let tokens = Double(step) * 65536
        let loss = (1.7 + 400 / pow(params, 0.34) + 410 / pow(tokens, 0.28)) * (1 + 0.02 * (rng.nextUnitInterval() - 0.5))
        return "{\"step\": \(step), \"tokens\": \(Int(tokens)), \"loss\": \(loss)}\n"
    }

    /// One line to each file a second, spread evenly over the second, for `seconds`; lines written.
    func trickle(_ paths: [String]) throws -> Int {
        let descriptors = paths.map { open($0, O_WRONLY | O_APPEND) }
        defer { descriptors.forEach { close($0) } }
        var rng = SplitMix64(seed: 12)
        let gap = 1.0 / Double(paths.count)
        let start = MonotonicClock.now()
        var written = 0
        for tick in 0..<(seconds * paths.count) {
            let due = start + Double(tick) * gap
            let wait = due - MonotonicClock.now()
            if wait > 0 { usleep(useconds_t(wait * 1e6)) }
            let k = tick % paths.count
            let text = Self.line(step: backlog + 1 + tick / paths.count, params: 1e7 * pow(2, Double(k % 8)), rng: &rng)
            let bytes = Array(text.utf8)
            if write(descriptors[k], bytes, bytes.count) == bytes.count { written += 1 }
        }
        return written
    }

    /// The stage CPU seconds a process last wrote to `path`.
    static func stages(_ path: String) -> [String: Double] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Double] else { return [:] }
        return object
    }
}
