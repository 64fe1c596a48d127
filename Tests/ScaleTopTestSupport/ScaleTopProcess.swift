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

    /// Runs `scaletop arguments...` to completion with the given environment changes.
    public static func run(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        // Standard error goes to a file so that a large output cannot fill two pipes at once.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let err = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = out
        process.standardError = err
        let inPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try inPipe.fileHandleForWriting.close()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let errorData = (try? Data(contentsOf: errorURL)) ?? Data()
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }
}
