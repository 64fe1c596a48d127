import Foundation

/// Runs the built `scaletop` executable, as a user would.
public struct ScaleTopProcess {
    public struct Outcome {
        public var status: Int32
        public var output: String
        public var error: String
    }

    /// The executable beside the test bundle (`swift test` builds it first).
    public static var executable: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDirectory.appendingPathComponent("scaletop")]
        // The xctest bundle may be a directory one level deeper.
        candidates.append(bundleDirectory.deletingLastPathComponent().appendingPathComponent("scaletop"))
        for root in [".build/debug", ".build/release"] {
            candidates.append(SharedData.repositoryRoot.appendingPathComponent(root).appendingPathComponent("scaletop"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `scaletop arguments...` to completion with the given environment changes
    /// (killed, and an error thrown, if it runs longer than `timeout` seconds).
    public static func run(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil, timeout: TimeInterval = 300) throws -> Outcome {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let outcome = try ChildProcess.run(executable.path, arguments, environment: env, input: input, timeout: timeout)
        return Outcome(
            status: outcome.status,
            output: String(decoding: outcome.output, as: UTF8.self),
            error: String(decoding: outcome.error, as: UTF8.self))
    }
}
