import ScaleTopSimulation

/// A W&B run file (`run-ID.wandb`) holding a simulated run: its `RunRecord` (display name, run
/// group, config with the run's description), then a history record per point with `loss`,
/// `tokens` and the step. Protobuf written by hand, fields as in wandb's `wandb_internal.proto`.
public enum WandbRunFile {
    public static func bytes(for run: RunPlan, plan: SweepPlan, group: String?) -> [UInt8] {
        var log = WandbLogBytes()
        var runRecord: [UInt8] = []
        let config: [(String, String)] = [
            ("params", "\(run.params)"), ("tokens_per_step", "\(run.tokensPerStep)"),
            ("total_tokens", "\(run.totalTokens)"), ("total_steps", "\(run.totalSteps)"),
        ]
        var configRecord: [UInt8] = []
        for (key, value) in config { configRecord += field(1, item(key, value)) }
        runRecord += field(4, configRecord)
        if let group { runRecord += field(6, Array(group.utf8)) }
        runRecord += field(8, Array(run.name.utf8))
        log.appendRecord(field(17, runRecord))
        for point in RunCurve(run: run, plan: plan) {
            var history: [UInt8] = []
            history += field(1, item("loss", SimulationLogFormat.jsonNumber(point.loss)))
            history += field(1, item("tokens", "\(point.tokens)"))
            history += field(2, [0x08] + varint(UInt64(point.step)))
            log.appendRecord(field(2, history))
        }
        return log.bytes
    }

    /// `ConfigItem` / `HistoryItem`: key = 1, value_json = 16.
    static func item(_ key: String, _ json: String) -> [UInt8] {
        field(1, Array(key.utf8)) + field(16, Array(json.utf8))
    }

    static func field(_ number: UInt64, _ bytes: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        repeat {
            let low = UInt8(v & 0x7F)
            v >>= 7
            out.append(v == 0 ? low : low | 0x80)
        } while v != 0
        return out
    }
}
