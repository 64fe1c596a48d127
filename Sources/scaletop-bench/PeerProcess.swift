import Foundation
import ScaleTopCore

/// Runs a peer program on the same input and times it (wall clock, output discarded).
enum PeerProcess {
    static func best(_ repeats: Int, _ body: () throws -> Double) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<repeats { best = min(best, try body()) }
        return best
    }

    static func python(_ script: String, _ paths: [String]) throws -> Double {
        try time("/usr/bin/env", ["python3", "-c", script] + paths)
    }

    /// Runs a Python script that prints its own elapsed seconds (excluding interpreter start).
    static func pythonTimed(_ script: String, _ arguments: [String], python: String = "python3") throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let seconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError.peerFailed("python exited \(process.terminationStatus)")
        }
        return seconds
    }

    /// True when `python` can import `module`.
    static func pythonHas(module: String, python: String = "python3") -> Bool {
        (try? time("/usr/bin/env", [python, "-c", "import \(module)"])) != nil
    }

    static func jq(_ paths: [String]) throws -> Double {
        try time("/usr/bin/env", ["jq", "-c", "[.tokens,.loss]"] + paths)
    }

    static func time(_ executable: String, _ arguments: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = MonotonicClock.now()
        try process.run()
        process.waitUntilExit()
        let elapsed = MonotonicClock.now() - start
        guard process.terminationStatus == 0 else { throw BenchError.peerFailed("\(arguments.first ?? executable) exited \(process.terminationStatus)") }
        return elapsed
    }
}
