import Foundation
import ScaleTopCore
import ScaleTopTestSupport

/// Cuts runs of a sweep part-way (the others complete), reads the folder as `report --json` does
/// (reader, analyzer, diagnostics) and compares each cut run's `projected_loss` with the loss it
/// really ended at.
struct LandingAccuracyHarness {
    struct Outcome {
        var run: String
        var projected: Double?
        var band: (Double, Double)?
        var truth: Double
        var verdict: LandingVerdict?
        var predicted: Double?
        var schedule: String?
        var note: String?

        var error: Double? { projected.map { abs($0 / truth - 1) } }
        var inBand: Bool { band.map { $0.0 <= truth && truth <= $0.1 } ?? false }
    }

    /// Summary of one dataset at one cut: median and worst relative error, share in band, share
    /// left without a projection.
    struct Summary: CustomStringConvertible {
        var label: String
        var outcomes: [Outcome]
        var errors: [Double] { outcomes.compactMap(\.error).sorted() }
        var median: Double { errors.isEmpty ? .nan : errors[errors.count / 2] }
        var worst: Double { errors.last ?? .nan }
        var inBandShare: Double { Double(outcomes.filter(\.inBand).count) / Double(max(outcomes.count, 1)) }
        var unprojectedShare: Double { Double(outcomes.filter { $0.projected == nil }.count) / Double(max(outcomes.count, 1)) }
        var description: String {
            "[landing] \(label): median \(pct(median)) worst \(pct(worst)), in band \(Int((100 * inBandShare).rounded())) %, not projected \(Int((100 * unprojectedShare).rounded())) % (\(outcomes.count) runs)"
        }
        func pct(_ x: Double) -> String { x.isFinite ? NumberText.fixed(100 * x, digits: 2) + " %" : "—" }
    }

    /// Reads `directory` and returns the projections of `runs`.
    static func project(_ directory: URL, runs: [String], truth: [String: Double]) throws -> (before: [Outcome], after: [Outcome]) {
        let reader = try SweepFixture.readOnce([directory.path])
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions())
        analyzer.options.bandResamples = 0
        let analysis = analyzer.analyze(reader.sweep)
        // Before: the run's own curve alone; after: informed by the sweep (`SweepLandingModel`).
        var plain = SweepDiagnostics(), informed = SweepDiagnostics()
        let before = plain.diagnose(reader.sweep, fit: analysis.envelopeFit, now: nil)
        let after = informed.diagnose(reader.sweep, analysis: analysis, now: nil)
        func outcomes(_ diagnoses: [String: RunDiagnosis]) -> [Outcome] {
            runs.map { name in
                let p = diagnoses[name]?.projection
                return Outcome(
                    run: name, projected: p?.projectedLoss, band: p?.projectedBand, truth: truth[name]!,
                    verdict: p?.verdict, predicted: p?.predictedLoss, schedule: p?.schedule, note: p?.note)
            }
        }
        return (outcomes(before), outcomes(after))
    }

    /// Copies the JSONL files of `source` into a fresh folder, keeping only the runs in `keep`
    /// (all when nil) and cutting `cut`'s lines past `fraction` of its `total_steps`.
    static func cutCopy(of source: URL, keep: Set<String>?, cut: Set<String>, fraction: Double, into directory: URL,
                        stripDeclarations: Bool = false) throws -> [String: Double] {
        var finals: [String: Double] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file.hasSuffix(".jsonl") {
            let name = String(file.dropLast(6))
            if let keep, !keep.contains(name) { continue }
            let text = try String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            var header = try JSONLines.parse(String(lines[0]))
            let total = JSONLines.double(header["total_steps"])!
            if stripDeclarations {
                // The run and its plan stay; what declares the schedule goes (the `lr` lines stay).
                header = header.filter { ["run", "params", "tokens_per_step", "total_steps"].contains($0.key) }
                let text = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
                lines[0] = Substring(String(decoding: text, as: UTF8.self))
            }
            finals[name] = lines.last.flatMap { try? JSONLines.parse(String($0)) }.flatMap { JSONLines.double($0["loss"]) }
            if cut.contains(name) {
                lines = [lines[0]] + lines.dropFirst().filter { line in
                    let step = (try? JSONLines.parse(String(line))).flatMap { JSONLines.double($0["step"]) } ?? 0
                    return step <= fraction * total
                }
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent(file))
        }
        return finals
    }

    /// The nine 25M schedules: each cut at `fraction`, the other eight complete.
    static func schedules25M(fraction: Double, stripDeclarations: Bool = false) throws -> (before: Summary, after: Summary) {
        let source = SharedData.data("schedules-mpl25m")
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
        var before: [Outcome] = [], after: [Outcome] = []
        for name in names {
            let dir = try TemporaryDirectory(prefix: "landing-mpl")
            let finals = try cutCopy(of: source, keep: nil, cut: [name], fraction: fraction, into: dir.url, stripDeclarations: stripDeclarations)
            let result = try project(dir.url, runs: [name], truth: finals)
            before += result.before
            after += result.after
        }
        let label = "schedules-mpl25m\(stripDeclarations ? " (LR logged, not declared)" : "") at \(Int(fraction * 100)) %"
        return (Summary(label: "[before] " + label, outcomes: before), Summary(label: label, outcomes: after))
    }

    /// Li et al. 2025: each run from the 6th size up cut at `fraction`, every smaller run complete.
    static func li2025(fraction: Double) throws -> (before: Summary, after: Summary) {
        let source = SharedData.data("sweep-li2025")
        let order = ["12m", "17m", "25m", "35m", "50m", "70m", "100m", "200m", "300m", "400m", "1b"]
        var before: [Outcome] = [], after: [Outcome] = []
        for (i, name) in order.enumerated() where i >= 5 {
            let dir = try TemporaryDirectory(prefix: "landing-li")
            let finals = try cutCopy(of: source, keep: Set(order[...i]), cut: [name], fraction: fraction, into: dir.url)
            let result = try project(dir.url, runs: [name], truth: finals)
            before += result.before
            after += result.after
        }
        let label = "sweep-li2025 at \(Int(fraction * 100)) %"
        return (Summary(label: "[before] " + label, outcomes: before), Summary(label: label, outcomes: after))
    }

    /// Simulated sweeps of six sizes (10M–1B): every run of the largest size cut at `fraction`.
    /// `peakLR` and `peakLRExponent` set the fixture's peak LR by size (default: 3e-4 for all).
    /// `sizes`: the sweep's sizes, ascending (the largest is cut).
    static func simulated(fraction: Double, withSchedules: Bool, declared: Bool = true, seeds: [UInt64] = [1, 2, 3],
                          sizes: [Double] = [1e7, 2.5e7, 6e7, 1.5e8, 4e8, 1e9],
                          peakLR: Double = 3e-4, peakLRExponent: Double = 0) throws -> (before: Summary, after: Summary) {
        var before: [Outcome] = [], after: [Outcome] = []
        for seed in seeds {
            var fixture = ScheduledSweepFixture(sizes: sizes, seed: seed)
            fixture.peakLR = peakLR
            fixture.peakLRExponent = peakLRExponent
            fixture.withSchedules = withSchedules
            fixture.declaresSchedules = declared
            // A sweep that logs no LR runs one schedule (as real sweeps do): cosine.
            if !withSchedules { fixture.schedules = [.cosine] }
            let largest = fixture.runs.filter { $0.params == fixture.sizes.last! }.map(\.name)
            let dir = try TemporaryDirectory(prefix: "landing-sim")
            try fixture.write(into: dir.url, cut: Dictionary(uniqueKeysWithValues: largest.map { ($0, fraction) }))
            let result = try project(dir.url, runs: largest, truth: fixture.finalLosses)
            before += result.before
            after += result.after
        }
        let label = "simulated \(withSchedules ? (declared ? "with schedules" : "LR logged, not declared") : "no LR") at \(Int(fraction * 100)) %"
        return (Summary(label: "[before] " + label, outcomes: before), Summary(label: label, outcomes: after))
    }
}
