#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a log file is written, told from its name and, for a file named on the command line
/// under another name, from its first bytes.
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (`*.jsonl`, `*.json.log`, `*.ndjson`, standard input).
    case jsonLines = "jsonl"
    /// A CSV file with a header row (`metrics.csv` of PyTorch Lightning's `CSVLogger`).
    case csv
    /// Hugging Face Trainer's `trainer_state.json`, rewritten whole at each checkpoint.
    case trainerState = "trainer_state"
    /// TensorBoard event files (`events.out.tfevents.*`): TFRecord framing of `Event` protobufs.
    case tensorBoard = "tensorboard"
    /// W&B run files (`run-*.wandb`): LevelDB-log framing of `Record` protobufs.
    case wandb

    /// True when the run is named by the file's directory rather than by its file name (the
    /// file names of these formats are fixed or carry a timestamp).
    public var namesRunByDirectory: Bool { self != .jsonLines }

    /// The format a file name says, or nil when the name is not one scaletop reads by itself.
    public static func fromName(_ path: String) -> LogFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasPrefix("events.out.tfevents.") { return .tensorBoard }
        if name.hasSuffix(".wandb") && name.count > 6 { return .wandb }
        if name == "trainer_state.json" { return .trainerState }
        if name.hasSuffix("metrics.csv") { return .csv }
        if LogPaths.logSuffixes.contains(where: { name.hasSuffix($0) && name.count > $0.count }) { return .jsonLines }
        return nil
    }

    /// The format of a file given by name: its name's, else what its first bytes look like
    /// (a W&B header, a TFRecord header whose CRC verifies), else `.csv` for `*.csv`, else JSONL.
    public static func detect(path: String) -> LogFormat {
        if let format = fromName(path) { return format }
        var head = [UInt8](repeating: 0, count: TFRecordFraming.headerLength)
        var got = 0
        if case let .success(opened) = ReadableFile.openRegular(path) {
            if case let .success(n) = head.withUnsafeMutableBytes({ opened.file.read(into: $0, at: 0) }) { got = n }
        }
        if got >= 4, head.withUnsafeBytes({ WandbRecordFraming.hasFileHeader($0) }) { return .wandb }
        if got == TFRecordFraming.headerLength, head.withUnsafeBufferPointer({ TFRecordFraming.verifiedLength($0.baseAddress!) }) != nil {
            return .tensorBoard
        }
        if path.hasSuffix(".csv") { return .csv }
        return .jsonLines
    }
}
