import Foundation
import ScaleTopCore

/// Turns a run plan and its points into the JSONL lines scaletop reads (see log-format.md): one
/// header line, then one line per point. Lines carry no newline; the writer adds it.
public enum SimulationLogFormat {
    /// `{"run": name, ["group": G,] "params": N, "tokens_per_step": T, "total_tokens": D, "total_steps": S, ...}`,
    /// then the run's learning-rate schedule (`SimulatedSchedule.declaration`).
    public static func headerLine(for run: RunPlan) -> String {
        "{\"run\": \(jsonString(run.name)), " + (run.group.map { "\"group\": \(jsonString($0)), " } ?? "") + "\"params\": \(run.params), "
            + "\"tokens_per_step\": \(run.tokensPerStep), \"total_tokens\": \(run.totalTokens), "
            + "\"total_steps\": \(run.totalSteps), \(run.schedule.declaration(totalSteps: run.totalSteps))}"
    }

    /// `{"step": s, "tokens": t, "loss": l, "lr": x, "time": unix_seconds}`, the time being the
    /// run's start plus the point's elapsed time divided by `speed`.
    public static func pointLine(for point: SimulatedPoint, runStartTime: Double, speed: Double) -> String {
        let time = ((runStartTime + point.elapsedSeconds / speed) * 1000).rounded() / 1000
        return "{\"step\": \(point.step), \"tokens\": \(point.tokens), \"loss\": \(jsonNumber(point.loss)), "
            + "\"lr\": \(jsonNumber(point.learningRate)), \"time\": \(jsonNumber(time))}"
    }

    /// Every line of one run, header first: what its file holds once the run is done.
    public static func lines(for curve: RunCurve, runStartTime: Double, speed: Double = 1) -> [String] {
        [headerLine(for: curve.run)]
            + curve.map { pointLine(for: $0, runStartTime: runStartTime, speed: speed) }
    }

    /// A number as Python's `json` writes it: the shortest text that parses back to the same Double
    /// (Swift's `description`, which is locale-independent), and the bare tokens `NaN`, `Infinity`,
    /// `-Infinity` for the values JSON has no syntax for.
    public static func jsonNumber(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return value.description
    }

    /// A JSON string literal (the report's own escaping). Simulated names are plain ASCII, but a
    /// plan built by hand may hold anything.
    public static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        JSONValue.writeString(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
