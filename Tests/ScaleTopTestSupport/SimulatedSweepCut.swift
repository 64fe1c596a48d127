import Foundation
import ScaleTopCore
import ScaleTopSimulation

/// A simulated sweep written whole once, then copied with some runs cut part-way (the header and
/// the lines up to a share of the run's planned steps), as a sweep looks while those runs train.
public struct SimulatedSweepCut {
    public let plan: SweepPlan
    public let source: TemporaryDirectory

    public init(plan: SweepPlan) throws {
        self.plan = plan
        source = try TemporaryDirectory(prefix: "simulated-sweep-whole")
        _ = try SweepWriter(plan: plan, directory: source.path, instant: true).write()
    }

    /// A folder holding every run of the plan, those in `cut` (by run name) only up to that share
    /// of their planned steps.
    public func copy(cutting cut: [String: Double]) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "simulated-sweep-cut")
        for run in plan.runs {
            let text = try String(contentsOfFile: source.path + "/\(run.name).jsonl", encoding: .utf8)
            var lines = text.split(separator: "\n").map(String.init)
            if let fraction = cut[run.name] {
                lines = [lines[0]] + lines.dropFirst().filter { line in
                    let step = (try? JSONLines.parse(line)).flatMap { JSONLines.double($0["step"]) } ?? .infinity
                    return step <= fraction * Double(run.totalSteps)
                }
            }
            _ = try dir.write("\(run.name).jsonl", lines.joined(separator: "\n") + "\n")
        }
        return dir
    }

    /// The loss `run` ends at without its logging noise (what a projection estimates).
    public func finalLoss(of run: RunPlan) -> Double {
        RunCurve(run: run, plan: plan).expectedLoss(atTokens: Double(run.totalTokens))
    }
}
